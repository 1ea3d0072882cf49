import { findMentorById, type MentorRecord } from '../../db/repositories/mentors-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { requireRole } from '../../domain/policies.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';

export type GetMentorOptions = { mentorId: string; origin: RequestOrigin };

/**
 * Hub staff read a mentor's file. The read is audited (`mentor.read`) in the same transaction:
 * no file is shown without a trace. Referrers and mentees never reach a mentor this way; a
 * mentee sees a mentor only through a proposal.
 */
export async function getMentor(
  context: ServiceContext,
  options: GetMentorOptions,
): Promise<MentorRecord> {
  requireRole(options.origin.actor, ['admin', 'coordinator']);
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    const record = await findMentorById(tx, options.mentorId);
    if (!record) throw new AppError('not_found');
    await recordAudit(tx, options.origin, now, {
      action: 'mentor.read',
      subjectType: 'user',
      subjectId: record.user.id,
    });
    return record;
  });
}
