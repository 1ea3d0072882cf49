import { describe, expect, it } from 'vitest';
import type { Actor } from './auth.ts';
import { ANONYMOUS } from './auth.ts';
import { isAppError } from './errors.ts';
import {
  addCalendarDays,
  calendarDateIn,
  canTransition,
  isOpenToNewTandems,
  MAX_PAUSE_DAYS,
  MENTOR_EVENT_RULES,
  MENTOR_EVENTS,
  MENTOR_TRANSITIONS,
  nextMentorStatus,
  requireMentorSelfOrStaff,
  requireValidPauseEnd,
  type MentorEvent,
} from './mentor-lifecycle.ts';
import { MENTOR_STATUSES, type MentorStatus, type Role } from './people.ts';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isAppError(error) ? error.code : 'other';
  }
  return undefined;
}

const user = (role: Role, userId = 'u1'): Actor => ({
  kind: 'user',
  userId,
  role,
  partnerId: null,
});

describe('the mentor lifecycle', () => {
  it('allows exactly the transitions of the design', () => {
    const allowed = MENTOR_STATUSES.flatMap((from) =>
      MENTOR_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        'applied→charter_signed',
        'applied→rejected',
        'charter_signed→active',
        'charter_signed→rejected',
        'active→paused',
        'active→withdrawn',
        'paused→active',
        'paused→withdrawn',
      ].sort(),
    );
  });

  it('makes rejected and withdrawn final', () => {
    for (const to of MENTOR_STATUSES) {
      expect(canTransition('withdrawn', to)).toBe(false);
      expect(canTransition('rejected', to)).toBe(false);
    }
  });

  it('walks the whole path: apply, charter, approval, pause, resume, withdrawal', () => {
    const events: MentorEvent[] = ['sign_charter', 'approve', 'pause', 'resume', 'withdraw'];
    let status: MentorStatus = 'applied';
    const seen: MentorStatus[] = [status];
    for (const event of events) {
      status = nextMentorStatus(status, event);
      seen.push(status);
    }
    expect(seen).toEqual(['applied', 'charter_signed', 'active', 'paused', 'active', 'withdrawn']);
  });

  it('answers every event from every status: the next status, or invalid_transition', () => {
    for (const from of MENTOR_STATUSES) {
      for (const event of MENTOR_EVENTS) {
        const rule = MENTOR_EVENT_RULES[event];
        if (rule.from.includes(from)) {
          expect(nextMentorStatus(from, event)).toBe(rule.to);
          // Every event edge is an edge of the transition table.
          expect(MENTOR_TRANSITIONS[from]).toContain(rule.to);
        } else {
          expect(
            codeOf(() => nextMentorStatus(from, event)),
            `${event} from ${from}`,
          ).toBe('invalid_transition');
        }
      }
    }
  });

  it('refuses approval before the charter, and resuming instead of approving', () => {
    expect(codeOf(() => nextMentorStatus('applied', 'approve'))).toBe('invalid_transition');
    expect(codeOf(() => nextMentorStatus('paused', 'approve'))).toBe('invalid_transition');
    expect(codeOf(() => nextMentorStatus('charter_signed', 'resume'))).toBe('invalid_transition');
    expect(codeOf(() => nextMentorStatus('active', 'reject'))).toBe('invalid_transition');
  });

  it('reports the status and the event of a refused transition', () => {
    try {
      nextMentorStatus('withdrawn', 'resume');
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'invalid_transition')).toBe(true);
      expect((error as { details: unknown }).details).toEqual({
        from: 'withdrawn',
        event: 'resume',
      });
      expect((error as { status: number }).status).toBe(409);
    }
  });

  it('opens new tandems to active mentors only', () => {
    expect(MENTOR_STATUSES.filter(isOpenToNewTandems)).toEqual(['active']);
  });
});

describe('who may pause, resume and withdraw a mentor', () => {
  it('lets staff act on anyone and a mentor on themself only', () => {
    expect(requireMentorSelfOrStaff(user('coordinator'), 'm1').role).toBe('coordinator');
    expect(requireMentorSelfOrStaff(user('admin'), 'm1').role).toBe('admin');
    expect(requireMentorSelfOrStaff(user('mentor', 'm1'), 'm1').userId).toBe('m1');
    expect(codeOf(() => requireMentorSelfOrStaff(user('mentor', 'm2'), 'm1'))).toBe('forbidden');
    expect(codeOf(() => requireMentorSelfOrStaff(user('referrer'), 'm1'))).toBe('forbidden');
    expect(codeOf(() => requireMentorSelfOrStaff(user('mentee'), 'm1'))).toBe('forbidden');
    expect(codeOf(() => requireMentorSelfOrStaff(ANONYMOUS, 'm1'))).toBe('unauthenticated');
  });
});

describe('pause end dates', () => {
  it('takes today in the hub’s time zone', () => {
    // 23:30 UTC on 31 March is already 1 April in Paris (summer time).
    expect(calendarDateIn(new Date('2026-03-31T23:30:00Z'), 'Europe/Paris')).toBe('2026-04-01');
    expect(calendarDateIn(new Date('2026-03-31T23:30:00Z'), 'UTC')).toBe('2026-03-31');
  });

  it('adds calendar days across months and leap years', () => {
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('accepts tomorrow up to the longest pause, and nothing else', () => {
    const today = '2026-11-25';
    expect(() => requireValidPauseEnd('2026-11-26', today)).not.toThrow();
    expect(() => requireValidPauseEnd(addCalendarDays(today, MAX_PAUSE_DAYS), today)).not.toThrow();
    for (const bad of ['2026-11-25', '2026-11-24', addCalendarDays(today, MAX_PAUSE_DAYS + 1)]) {
      expect(
        codeOf(() => requireValidPauseEnd(bad, today)),
        bad,
      ).toBe('validation_failed');
    }
  });
});
