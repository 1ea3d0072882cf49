import {
  findProgramForUpdate,
  insertCohort,
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

export type CreateCohortOptions = {
  programId: string;
  name: string;
  /** ISO date, `YYYY-MM-DD`. */
  startsOn: string;
  /** ISO date, on or after `startsOn`; null or omitted: open-ended. */
  endsOn?: string | null | undefined;
  origin: RequestOrigin;
};

/**
 * Opens a cohort (promotion) in a programme (staff only). Names are unique within a
 * programme (`cohort_name_taken`); a cohort cannot end before it starts (`cohort_dates_invalid`).
 */
export async function createCohort(
  context: ServiceContext,
  options: CreateCohortOptions,
): Promise<CohortRow> {
  requireRole(options.origin.actor, PROGRAM_MANAGERS);
  const endsOn = options.endsOn ?? null;
  if (!areCohortDatesInOrder(options.startsOn, endsOn)) throw new AppError('cohort_dates_invalid');
  const now = context.clock.now();
  return context.db
    .transaction(async (tx) => {
      const program = await findProgramForUpdate(tx, options.programId);
      if (!program) throw new AppError('not_found');
      const cohort = await insertCohort(tx, {
        programId: program.id,
        name: options.name.trim(),
        startsOn: options.startsOn,
        endsOn,
        createdAt: now,
      });
      await recordAudit(tx, options.origin, now, {
        action: 'cohort.create',
        subjectType: 'cohort',
        subjectId: cohort.id,
        details: { programId: program.id, name: cohort.name },
      });
      return cohort;
    })
    .catch(rethrowProgramWriteError);
}
