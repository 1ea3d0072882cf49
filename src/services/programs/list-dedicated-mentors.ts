import {
  findProgramInScope,
  listProgramMentors,
  type DedicatedMentorRow,
} from '../../db/repositories/programs-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { requireRole } from '../../domain/policies.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { PROGRAM_MANAGERS } from './program-rules.ts';

export type ListDedicatedMentorsOptions = { programId: string; origin: RequestOrigin };

/**
 * A programme's dedicated mentors (staff only: referrers see programmes, never who mentors
 * in them).
 */
export async function listDedicatedMentors(
  context: ServiceContext,
  options: ListDedicatedMentorsOptions,
): Promise<DedicatedMentorRow[]> {
  requireRole(options.origin.actor, PROGRAM_MANAGERS);
  const program = await findProgramInScope(context.db, options.programId, { kind: 'all' });
  if (!program) throw new AppError('not_found');
  return listProgramMentors(context.db, program.id);
}
