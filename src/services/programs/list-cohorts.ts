import {
  findProgramInScope,
  listCohortsOfProgram,
  type CohortRow,
} from '../../db/repositories/programs-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { partnerScopeOf } from '../../domain/policies.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';

export type ListCohortsOptions = { programId: string; origin: RequestOrigin };

/**
 * A programme's cohorts, latest first. Whoever may see the programme (staff, or a referrer
 * it is open to) may see its cohorts, to enrol people in one.
 */
export async function listCohorts(
  context: ServiceContext,
  options: ListCohortsOptions,
): Promise<CohortRow[]> {
  const scope = partnerScopeOf(options.origin.actor);
  const program = await findProgramInScope(context.db, options.programId, scope);
  if (!program) throw new AppError('not_found');
  return listCohortsOfProgram(context.db, program.id);
}
