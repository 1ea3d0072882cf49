import type { MentorRecord } from '../../db/repositories/mentors-repository.ts';
import { requireMentorSelfOrStaff } from '../../domain/mentor-lifecycle.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { transitionMentor } from './transition-mentor.ts';

export type WithdrawMentorOptions = {
  mentorId: string;
  /** Why the mentor leaves, if they say; kept on the profile for the hub. */
  reason?: string | null | undefined;
  origin: RequestOrigin;
};

/**
 * A mentor leaves the hub (themself, or hub staff for them): active or paused → `withdrawn`,
 * final. Current tandems are kept and run to their end; no new proposals reach the mentor.
 * The account stays open so that they can still follow those tandems.
 */
export async function withdrawMentor(
  context: ServiceContext,
  options: WithdrawMentorOptions,
): Promise<MentorRecord> {
  requireMentorSelfOrStaff(options.origin.actor, options.mentorId);
  const now = context.clock.now();
  const reason = options.reason?.trim() || null;
  return context.db.transaction((tx) =>
    transitionMentor(tx, {
      mentorId: options.mentorId,
      event: 'withdraw',
      changes: { withdrawnAt: now, withdrawalReason: reason, pausedUntil: null },
      auditDetails: { withReason: reason !== null },
      origin: options.origin,
      now,
    }),
  );
}
