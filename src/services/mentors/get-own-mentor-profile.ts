import { findMentorById, type MentorRecord } from '../../db/repositories/mentors-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { requireRole } from '../../domain/policies.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';

export type GetOwnMentorProfileOptions = { origin: RequestOrigin };

/** The signed-in mentor's own profile, whatever its status. */
export async function getOwnMentorProfile(
  context: ServiceContext,
  options: GetOwnMentorProfileOptions,
): Promise<MentorRecord> {
  const mentor = requireRole(options.origin.actor, ['mentor']);
  const record = await findMentorById(context.db, mentor.userId);
  if (!record) throw new AppError('not_found');
  return record;
}
