import type { Actor } from './auth.ts';
import { AppError } from './errors.ts';
import { isStaff } from './policies.ts';
import { canTransition, type Decision, type TandemStatus } from './tandems.ts';

/** The two sides of a tandem. */
export type TandemSide = 'mentor' | 'mentee';

/** What the lifecycle needs to know about a tandem: its status and both opt-in decisions. */
export type TandemState = {
  status: TandemStatus;
  menteeDecision: Decision | null;
  mentorDecision: Decision | null;
};

/**
 * What happens to a tandem. Accepting is per side (double opt-in): the proposal becomes
 * `accepted` only when the second side accepts. The first logged meeting starts it.
 */
export type TandemEvent =
  | { kind: 'accept'; side: TandemSide }
  | { kind: 'decline'; side: TandemSide }
  | { kind: 'expire' }
  | { kind: 'start' }
  | { kind: 'complete' }
  | { kind: 'end_early' };

/**
 * The state after an event, or `tandem_transition_invalid` when the lifecycle forbids it;
 * a side answering twice is `proposal_already_answered`. Pure: the services persist the
 * result and a status history row when the status changes.
 */
export function applyTandemEvent(state: TandemState, event: TandemEvent): TandemState {
  switch (event.kind) {
    case 'accept':
    case 'decline': {
      if (state.status !== 'proposed') throw new AppError('proposal_closed');
      const field = event.side === 'mentee' ? 'menteeDecision' : 'mentorDecision';
      if (state[field] !== null) throw new AppError('proposal_already_answered');
      const decided = { ...state, [field]: event.kind === 'accept' ? 'accepted' : 'declined' };
      if (event.kind === 'decline') return { ...decided, status: 'declined' };
      const bothAccepted =
        decided.menteeDecision === 'accepted' && decided.mentorDecision === 'accepted';
      return bothAccepted ? { ...decided, status: 'accepted' } : decided;
    }
    case 'expire':
      return moveTo(state, 'expired');
    case 'start':
      return moveTo(state, 'active');
    case 'complete':
      return moveTo(state, 'completed');
    case 'end_early':
      return moveTo(state, 'ended_early');
  }
}

function moveTo(state: TandemState, status: TandemStatus): TandemState {
  if (!canTransition(state.status, status)) throw new AppError('tandem_transition_invalid');
  return { ...state, status };
}

/** Which side of the tandem a user is on, or undefined when they are on neither. */
export function sideOf(
  tandem: { menteeId: string; mentorId: string },
  userId: string,
): TandemSide | undefined {
  if (tandem.menteeId === userId) return 'mentee';
  if (tandem.mentorId === userId) return 'mentor';
  return undefined;
}

/**
 * How a "pairing fit" answer is stored (`check_ins.is_good_fit`, 1–5): the page offers three
 * plain answers. At or below `POOR_FIT_AT_MOST`, the coordinator is alerted and a re-match is
 * staged.
 */
export const PAIRING_FIT_ANSWERS = { good: 5, unsure: 3, poor: 1 } as const;
export type PairingFitAnswer = keyof typeof PAIRING_FIT_ANSWERS;
export const POOR_FIT_AT_MOST = 2;

/** Days before the reply deadline when the reminder goes out. */
export const PROPOSAL_REMINDER_DAYS_BEFORE = 2;
/** How long a one-click link to log a meeting or answer a check-in stays valid. */
export const MEETING_LINK_DAYS = 60;
export const CHECK_IN_LINK_DAYS = 30;

/**
 * Who may see and act on a tandem: its two sides, and hub staff when `staffToo`. Anyone else
 * gets `not_found`, exactly as for an unknown tandem. Returns the caller's side, or 'staff'.
 */
export function requireTandemAccess(
  actor: Actor,
  tandem: { menteeId: string; mentorId: string },
  options: { staffToo: boolean },
): TandemSide | 'staff' {
  if (actor.kind !== 'user') throw new AppError('unauthenticated');
  const side = sideOf(tandem, actor.userId);
  if (side) return side;
  if (options.staffToo && isStaff(actor)) return 'staff';
  throw new AppError('not_found', 'Tandem introuvable.');
}
