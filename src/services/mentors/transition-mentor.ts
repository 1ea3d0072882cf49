import type { Executor } from '../../db/client.ts';
import {
  findMentorById,
  lockMentorProfile,
  updateMentorProfile,
  type MentorProfileChanges,
  type MentorRecord,
} from '../../db/repositories/mentors-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { nextMentorStatus, type MentorEvent } from '../../domain/mentor-lifecycle.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin } from '../context.ts';

export type MentorTransition = {
  mentorId: string;
  event: MentorEvent;
  /** Fields that change along with the status (dates, reasons…). */
  changes?: MentorProfileChanges;
  /** What the audit entry records beyond the statuses; no free text about the person. */
  auditDetails?: Record<string, unknown>;
  origin: RequestOrigin;
  now: Date;
};

/**
 * Moves a mentor through the lifecycle inside the caller's transaction: locks the profile,
 * lets the state machine decide (`invalid_transition` otherwise), writes the new status with
 * its fields and audits the change. The policy is the caller's first line, not this helper's.
 */
export async function transitionMentor(
  tx: Executor,
  transition: MentorTransition,
): Promise<MentorRecord> {
  const profile = await lockMentorProfile(tx, transition.mentorId);
  if (!profile) throw new AppError('not_found');
  const status = nextMentorStatus(profile.status, transition.event);
  await updateMentorProfile(tx, profile.userId, { ...transition.changes, status });
  await recordAudit(tx, transition.origin, transition.now, {
    action: `mentor.${transition.event}`,
    subjectType: 'user',
    subjectId: profile.userId,
    details: { from: profile.status, to: status, ...transition.auditDetails },
  });
  const mentor = await findMentorById(tx, profile.userId);
  if (!mentor) throw new Error('mentor vanished inside its own transaction');
  return mentor;
}
