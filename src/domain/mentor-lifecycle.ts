import type { Actor } from './auth.ts';
import { AppError } from './errors.ts';
import type { MentorStatus } from './people.ts';
import { requireRole, type UserActor } from './policies.ts';

/** The charter version a mentor signs today; a new text gets a new version. */
export const CHARTER_VERSION = '2026-01';

/** Capacity a volunteer may offer when applying; a coordinator-approved profile may go up to 10. */
export const APPLICATION_MAX_CAPACITY = 3;
export const MAX_CAPACITY = 10;

/** A pause ends at most this many days ahead: beyond, withdrawing says it better. */
export const MAX_PAUSE_DAYS = 366;

/**
 * Every allowed change of a mentor's status. `rejected` and `withdrawn` are final: a person
 * who wants to come back applies again, with a fresh vetting.
 */
export const MENTOR_TRANSITIONS: Readonly<Record<MentorStatus, readonly MentorStatus[]>> = {
  applied: ['charter_signed', 'rejected'],
  charter_signed: ['active', 'rejected'],
  active: ['paused', 'withdrawn'],
  paused: ['active', 'withdrawn'],
  rejected: [],
  withdrawn: [],
};

/**
 * What happens to a mentor. Events rather than bare target statuses, because two events reach
 * `active` (approval and resumption) and each is valid from one status only.
 */
export const MENTOR_EVENTS = [
  'sign_charter',
  'approve',
  'reject',
  'pause',
  'resume',
  'withdraw',
] as const;
export type MentorEvent = (typeof MENTOR_EVENTS)[number];

/** For each event, the statuses it may start from and the status it leads to. */
export const MENTOR_EVENT_RULES: Readonly<
  Record<MentorEvent, { from: readonly MentorStatus[]; to: MentorStatus }>
> = {
  sign_charter: { from: ['applied'], to: 'charter_signed' },
  approve: { from: ['charter_signed'], to: 'active' },
  reject: { from: ['applied', 'charter_signed'], to: 'rejected' },
  pause: { from: ['active'], to: 'paused' },
  resume: { from: ['paused'], to: 'active' },
  withdraw: { from: ['active', 'paused'], to: 'withdrawn' },
};

/** Whether the lifecycle allows going from `from` to `to`. */
export function canTransition(from: MentorStatus, to: MentorStatus): boolean {
  return MENTOR_TRANSITIONS[from].includes(to);
}

/**
 * The status a mentor in `from` reaches through `event`, or `invalid_transition` (409) — for
 * instance approving a mentor who has not signed the charter, or resuming one who withdrew.
 */
export function nextMentorStatus(from: MentorStatus, event: MentorEvent): MentorStatus {
  const rule = MENTOR_EVENT_RULES[event];
  if (!rule.from.includes(from) || !canTransition(from, rule.to)) {
    throw new AppError('invalid_transition', undefined, { from, event });
  }
  return rule.to;
}

/** Whether a mentor in this status may receive new proposals (paused ones keep their tandems). */
export function isOpenToNewTandems(status: MentorStatus): boolean {
  return status === 'active';
}

/**
 * The policy for acts on a mentor that both the mentor and hub staff may perform (pause,
 * resume, withdraw): staff on anyone, a mentor only on themself.
 */
export function requireMentorSelfOrStaff(actor: Actor, mentorId: string): UserActor {
  const user = requireRole(actor, ['admin', 'coordinator', 'mentor']);
  if (user.role === 'mentor' && user.userId !== mentorId) throw new AppError('forbidden');
  return user;
}

/** The calendar date (`YYYY-MM-DD`) of an instant in a time zone, e.g. the hub's. */
export function calendarDateIn(instant: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** `YYYY-MM-DD` plus a number of days, in calendar arithmetic (no time zone involved). */
export function addCalendarDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/**
 * Checks a pause's end date against today's date at the hub: strictly in the future and at most
 * `MAX_PAUSE_DAYS` ahead. Throws `validation_failed` naming the field otherwise.
 */
export function requireValidPauseEnd(pausedUntil: string, today: string): void {
  const latest = addCalendarDays(today, MAX_PAUSE_DAYS);
  // ISO dates compare correctly as strings.
  if (pausedUntil <= today || pausedUntil > latest) {
    throw new AppError(
      'validation_failed',
      `La date de fin de pause doit être postérieure à aujourd’hui et au plus tard le ${latest}.`,
      {
        fields: [
          { field: 'body/until', message: `must be after ${today} and not after ${latest}` },
        ],
      },
    );
  }
}
