import {
  findProgramForUpdate,
  setProgramActive,
  type ProgramRow,
} from '../../db/repositories/programs-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { requireRole } from '../../domain/policies.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { PROGRAM_MANAGERS } from './program-rules.ts';

export type DeactivateProgramOptions = { programId: string; origin: RequestOrigin };

/**
 * Deactivates a programme (staff only): no new enrolments or matching in it, while its
 * tandems run to their end. The general programme cannot be deactivated
 * (`default_program_locked`). Idempotent.
 */
export async function deactivateProgram(
  context: ServiceContext,
  options: DeactivateProgramOptions,
): Promise<ProgramRow> {
  requireRole(options.origin.actor, PROGRAM_MANAGERS);
  return setProgramActivity(context, options, false);
}

/** Shared by deactivation and reactivation: one locked read, one write, one audit entry. */
export async function setProgramActivity(
  context: ServiceContext,
  options: { programId: string; origin: RequestOrigin },
  isActive: boolean,
): Promise<ProgramRow> {
  requireRole(options.origin.actor, PROGRAM_MANAGERS);
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    const program = await findProgramForUpdate(tx, options.programId);
    if (!program) throw new AppError('not_found');
    if (!isActive && program.isDefault) throw new AppError('default_program_locked');
    if (program.isActive === isActive) return program;
    const updated = await setProgramActive(tx, program.id, isActive);
    if (!updated) throw new AppError('not_found');
    await recordAudit(tx, options.origin, now, {
      action: isActive ? 'program.reactivate' : 'program.deactivate',
      subjectType: 'program',
      subjectId: program.id,
    });
    return updated;
  });
}
