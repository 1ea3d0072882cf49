import {
  findCohortOfProgram,
  findProgramForUpdate,
  updateCohort,
  type CohortChanges,
  type CohortRow,
} from '../../db/repositories/programs-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { requireRole } from '../../domain/policies.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import {
  areCohortDatesInOrder,
  PROGRAM_MANAGERS,
  rethrowProgramWriteError,
} from './program-rules.ts';

export type EditCohortOptions = {
  programId: string;
  cohortId: string;
  /** Only the fields to change; `endsOn: null` makes the cohort open-ended. */
  changes: CohortChanges;
  origin: RequestOrigin;
};

/**
 * Edits a cohort of a programme (staff only). The dates are checked together, old and new:
 * moving only the start past the existing end is refused too.
 */
export async function editCohort(
  context: ServiceContext,
  options: EditCohortOptions,
): Promise<CohortRow> {
  requireRole(options.origin.actor, PROGRAM_MANAGERS);
  const now = context.clock.now();
  const changes: CohortChanges = { ...options.changes };
  if (changes.name !== undefined) changes.name = changes.name.trim();
  return context.db
    .transaction(async (tx) => {
      const program = await findProgramForUpdate(tx, options.programId);
      const before = program && (await findCohortOfProgram(tx, program.id, options.cohortId));
      if (!before) throw new AppError('not_found');
      const startsOn = changes.startsOn ?? before.startsOn;
      const endsOn = changes.endsOn === undefined ? before.endsOn : changes.endsOn;
      if (!areCohortDatesInOrder(startsOn, endsOn)) throw new AppError('cohort_dates_invalid');
      const cohort = Object.keys(changes).length
        ? await updateCohort(tx, before.id, changes)
        : before;
      if (!cohort) throw new AppError('not_found');
      await recordAudit(tx, options.origin, now, {
        action: 'cohort.edit',
        subjectType: 'cohort',
        subjectId: cohort.id,
        details: { programId: cohort.programId, changes },
      });
      return cohort;
    })
    .catch(rethrowProgramWriteError);
}
