import type { ProgramRow } from '../../db/repositories/programs-repository.ts';
import { requireRole } from '../../domain/policies.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { setProgramActivity } from './deactivate-program.ts';
import { PROGRAM_MANAGERS } from './program-rules.ts';

export type ReactivateProgramOptions = { programId: string; origin: RequestOrigin };

/** Reactivates a programme (staff only). Idempotent. */
export async function reactivateProgram(
  context: ServiceContext,
  options: ReactivateProgramOptions,
): Promise<ProgramRow> {
  requireRole(options.origin.actor, PROGRAM_MANAGERS);
  return setProgramActivity(context, options, true);
}
