import { queueEmailTo } from '../notifications/queue-email.ts';
import type { MentorRecord } from '../../db/repositories/mentors-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { requireRole } from '../../domain/policies.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { transitionMentor } from './transition-mentor.ts';

export type RejectMentorOptions = {
  mentorId: string;
  /** Why, for the hub's records; staff only, never sent to the applicant. */
  reason: string;
  origin: RequestOrigin;
};

/**
 * Hub staff turn an application down, before or after the charter: → `rejected`, with a
 * required reason. The applicant is told by e-mail, without the reason.
 */
export async function rejectMentor(
  context: ServiceContext,
  options: RejectMentorOptions,
): Promise<MentorRecord> {
  const staff = requireRole(options.origin.actor, ['admin', 'coordinator']);
  const reason = options.reason.trim();
  if (!reason) {
    throw new AppError('validation_failed', 'Le motif du refus est obligatoire.', {
      fields: [{ field: 'body/reason', message: 'required' }],
    });
  }
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    const mentor = await transitionMentor(tx, {
      mentorId: options.mentorId,
      event: 'reject',
      changes: { vettedAt: now, vettedBy: staff.userId, rejectionReason: reason },
      origin: options.origin,
      now,
    });
    await queueEmailTo(tx, mentor.user, 'mentor_application_declined', {}, { runAt: now });
    return mentor;
  });
}
