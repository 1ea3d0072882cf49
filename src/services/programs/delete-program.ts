import {
  deleteProgram as deleteProgramRow,
  findProgramForUpdate,
  hasProgramHistory,
} from '../../db/repositories/programs-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { requireRole } from '../../domain/policies.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { PROGRAM_MANAGERS } from './program-rules.ts';

export type DeleteProgramOptions = { programId: string; origin: RequestOrigin };

/**
 * Deletes a programme created by mistake (staff only), with its cohorts and dedicated
 * mentors. Once it has enrolments, tandems or matching rounds it is history and can only be
 * deactivated (`program_in_use`); the general programme is never deleted
 * (`default_program_locked`).
 */
export async function deleteProgram(
  context: ServiceContext,
  options: DeleteProgramOptions,
): Promise<void> {
  requireRole(options.origin.actor, PROGRAM_MANAGERS);
  const now = context.clock.now();
  await context.db.transaction(async (tx) => {
    // The lock keeps an enrolment from slipping in between the check and the delete.
    const program = await findProgramForUpdate(tx, options.programId);
    if (!program) throw new AppError('not_found');
    if (program.isDefault) throw new AppError('default_program_locked');
    if (await hasProgramHistory(tx, program.id)) throw new AppError('program_in_use');
    await deleteProgramRow(tx, program.id);
    await recordAudit(tx, options.origin, now, {
      action: 'program.delete',
      subjectType: 'program',
      subjectId: program.id,
      details: { name: program.name },
    });
  });
}
