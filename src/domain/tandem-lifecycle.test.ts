import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messageOfAppError } from '../../test/support/errors.ts';
import {
  applyTandemEvent,
  requireTandemAccess,
  sideOf,
  type TandemEvent,
  type TandemState,
} from './tandem-lifecycle.ts';
import { TANDEM_STATUSES, canTransition } from './tandems.ts';

const proposed: TandemState = { status: 'proposed', menteeDecision: null, mentorDecision: null };

describe('the tandem lifecycle', () => {
  it('needs both sides to accept, in either order', () => {
    const afterMentee = applyTandemEvent(proposed, { kind: 'accept', side: 'mentee' });
    expect(afterMentee).toEqual({ ...proposed, menteeDecision: 'accepted' });
    expect(applyTandemEvent(afterMentee, { kind: 'accept', side: 'mentor' })).toEqual({
      status: 'accepted',
      menteeDecision: 'accepted',
      mentorDecision: 'accepted',
    });
    const afterMentor = applyTandemEvent(proposed, { kind: 'accept', side: 'mentor' });
    expect(applyTandemEvent(afterMentor, { kind: 'accept', side: 'mentee' }).status).toBe(
      'accepted',
    );
  });

  it('closes the proposal on a decline, even after the other side accepted', () => {
    const afterMentor = applyTandemEvent(proposed, { kind: 'accept', side: 'mentor' });
    expect(applyTandemEvent(afterMentor, { kind: 'decline', side: 'mentee' })).toEqual({
      status: 'declined',
      menteeDecision: 'declined',
      mentorDecision: 'accepted',
    });
  });

  it('refuses a second answer from the same side and any answer once closed', () => {
    const afterMentee = applyTandemEvent(proposed, { kind: 'accept', side: 'mentee' });
    messageOfAppError(
      () => applyTandemEvent(afterMentee, { kind: 'decline', side: 'mentee' }),
      'proposal_already_answered',
    );
    const expired = applyTandemEvent(proposed, { kind: 'expire' });
    messageOfAppError(
      () => applyTandemEvent(expired, { kind: 'accept', side: 'mentor' }),
      'proposal_closed',
    );
  });

  it('goes proposed → accepted → active → completed, or ends early', () => {
    let state = applyTandemEvent(proposed, { kind: 'accept', side: 'mentee' });
    state = applyTandemEvent(state, { kind: 'accept', side: 'mentor' });
    expect(applyTandemEvent(state, { kind: 'end_early' }).status).toBe('ended_early');
    state = applyTandemEvent(state, { kind: 'start' });
    expect(state.status).toBe('active');
    expect(applyTandemEvent(state, { kind: 'end_early' }).status).toBe('ended_early');
    expect(applyTandemEvent(state, { kind: 'complete' }).status).toBe('completed');
    messageOfAppError(
      () => applyTandemEvent(proposed, { kind: 'start' }),
      'tandem_transition_invalid',
    );
    messageOfAppError(
      () => applyTandemEvent(proposed, { kind: 'complete' }),
      'tandem_transition_invalid',
    );
  });

  it('never reaches a status the transition table forbids (property)', () => {
    const event = fc.oneof(
      fc.record({
        kind: fc.constantFrom('accept' as const, 'decline' as const),
        side: fc.constantFrom('mentor' as const, 'mentee' as const),
      }),
      fc.record({
        kind: fc.constantFrom(
          'expire' as const,
          'start' as const,
          'complete' as const,
          'end_early' as const,
        ),
      }),
    ) as fc.Arbitrary<TandemEvent>;
    fc.assert(
      fc.property(fc.array(event, { maxLength: 12 }), (events) => {
        let state = proposed;
        for (const next of events) {
          let after: TandemState;
          try {
            after = applyTandemEvent(state, next);
          } catch {
            continue;
          }
          if (after.status !== state.status) {
            expect(canTransition(state.status, after.status)).toBe(true);
          }
          if (after.status === 'accepted' && state.status === 'proposed') {
            expect(after.menteeDecision).toBe('accepted');
            expect(after.mentorDecision).toBe('accepted');
          }
          state = after;
        }
        expect(TANDEM_STATUSES).toContain(state.status);
      }),
    );
  });

  it('tells which side a user is on', () => {
    const tandem = { menteeId: 'e', mentorId: 'm' };
    expect(sideOf(tandem, 'e')).toBe('mentee');
    expect(sideOf(tandem, 'm')).toBe('mentor');
    expect(sideOf(tandem, 'x')).toBeUndefined();
  });
});

describe('access to a tandem', () => {
  const tandem = { menteeId: 'e', mentorId: 'm' };
  const user = (userId: string, role: 'mentor' | 'mentee' | 'coordinator' | 'referrer') =>
    ({ kind: 'user', userId, role, partnerId: role === 'referrer' ? 'p' : null }) as const;

  it('is for its two sides, and staff when allowed; others see nothing', () => {
    expect(requireTandemAccess(user('e', 'mentee'), tandem, { staffToo: false })).toBe('mentee');
    expect(requireTandemAccess(user('m', 'mentor'), tandem, { staffToo: false })).toBe('mentor');
    expect(requireTandemAccess(user('c', 'coordinator'), tandem, { staffToo: true })).toBe('staff');
    messageOfAppError(
      () => requireTandemAccess(user('c', 'coordinator'), tandem, { staffToo: false }),
      'not_found',
    );
    messageOfAppError(
      () => requireTandemAccess(user('x', 'mentor'), tandem, { staffToo: true }),
      'not_found',
    );
    messageOfAppError(
      () => requireTandemAccess({ kind: 'anonymous' }, tandem, { staffToo: true }),
      'unauthenticated',
    );
  });
});
