import { queueEmailTo } from '../notifications/queue-email.ts';
import type { MentorRecord } from '../../db/repositories/mentors-repository.ts';
import { requireRole } from '../../domain/policies.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { transitionMentor } from './transition-mentor.ts';

export type ApproveMentorOptions = { mentorId: string; origin: RequestOrigin };

/**
 * Hub staff approve a mentor who has signed the charter: `charter_signed` → `active`, with who
 * vetted them and when. The mentor is told by e-mail (a queued job, same transaction).
 */
export async function approveMentor(
  context: ServiceContext,
  options: ApproveMentorOptions,
): Promise<MentorRecord> {
  const staff = requireRole(options.origin.actor, ['admin', 'coordinator']);
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    const mentor = await transitionMentor(tx, {
      mentorId: options.mentorId,
      event: 'approve',
      changes: { vettedAt: now, vettedBy: staff.userId, rejectionReason: null },
      origin: options.origin,
      now,
    });
    await queueEmailTo(tx, mentor.user, 'mentor_approved', {}, { runAt: now });
    return mentor;
  });
}
