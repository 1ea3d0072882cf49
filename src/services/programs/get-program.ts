import { findProgramInScope, type ProgramRow } from '../../db/repositories/programs-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { partnerScopeOf } from '../../domain/policies.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';

export type GetProgramOptions = { programId: string; origin: RequestOrigin };

/**
 * One programme. Staff see any; a referrer sees the active programmes open to every partner
 * or reserved for theirs, and gets `not_found` for the others.
 */
export async function getProgram(
  context: ServiceContext,
  options: GetProgramOptions,
): Promise<ProgramRow> {
  const scope = partnerScopeOf(options.origin.actor);
  const program = await findProgramInScope(context.db, options.programId, scope);
  if (!program) throw new AppError('not_found');
  return program;
}
