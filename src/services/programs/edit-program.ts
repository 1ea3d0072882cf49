import {
  findProgramForUpdate,
  updateProgram,
  type ProgramChanges,
  type ProgramRow,
} from '../../db/repositories/programs-repository.ts';
import { AppError } from '../../domain/errors.ts';
import type { MatchingWeights } from '../../domain/matching-weights.ts';
import { requireRole } from '../../domain/policies.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import {
  PROGRAM_MANAGERS,
  requireCheckInSchedule,
  rethrowProgramWriteError,
} from './program-rules.ts';

export type EditProgramOptions = {
  programId: string;
  /** Only the fields to change; `null` clears an optional field (weights: engine defaults). */
  changes: Omit<ProgramChanges, 'matchingWeights'> & {
    matchingWeights?: MatchingWeights | null | undefined;
  };
  origin: RequestOrigin;
};

/**
 * Edits a programme (staff only). The general programme stays open to every partner: giving
 * it a partner is refused (`default_program_locked`).
 */
export async function editProgram(
  context: ServiceContext,
  options: EditProgramOptions,
): Promise<ProgramRow> {
  requireRole(options.origin.actor, PROGRAM_MANAGERS);
  requireCheckInSchedule(options.changes.checkInMonths);
  const now = context.clock.now();
  const changes: ProgramChanges = { ...options.changes };
  if (changes.name !== undefined) changes.name = changes.name.trim();
  return context.db
    .transaction(async (tx) => {
      const before = await findProgramForUpdate(tx, options.programId);
      if (!before) throw new AppError('not_found');
      if (before.isDefault && changes.partnerId) throw new AppError('default_program_locked');
      const program = Object.keys(changes).length
        ? await updateProgram(tx, before.id, changes)
        : before;
      if (!program) throw new AppError('not_found');
      await recordAudit(tx, options.origin, now, {
        action: 'program.edit',
        subjectType: 'program',
        subjectId: program.id,
        details: { changes },
      });
      return program;
    })
    .catch(rethrowProgramWriteError);
}
