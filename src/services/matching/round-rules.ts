import type { Executor } from '../../db/client.ts';
import { findDefaultProgramId } from '../../db/repositories/hub-repository.ts';
import type { MenteeSelection } from '../../db/repositories/matching-rounds-repository.ts';
import {
  findCohortOfProgram,
  findProgramInScope,
  type ProgramRow,
} from '../../db/repositories/programs-repository.ts';
import { AppError } from '../../domain/errors.ts';

/** Who runs rounds, edits and publishes them: hub staff. */
export const MATCHMAKERS = ['admin', 'coordinator'] as const;

/**
 * What a round covers: a programme's waiting mentees, one cohort's, the hub's whole waiting
 * pool (proposals then belong to the general programme), or named mentees (suggestions for
 * one person, re-matches).
 */
export type RoundScope =
  | { kind: 'program'; programId: string }
  | { kind: 'cohort'; programId: string; cohortId: string }
  | { kind: 'pool' }
  | {
      kind: 'mentees';
      menteeIds: string[];
      programId?: string | undefined;
      evenInTandem?: boolean;
    };

/** The programme (and cohort) a scope's proposals belong to; `not_found` when unknown. */
export async function resolveRoundScope(
  tx: Executor,
  scope: RoundScope,
): Promise<{ program: ProgramRow; cohortId: string | null; selection: MenteeSelection }> {
  const programId =
    scope.kind === 'pool' || (scope.kind === 'mentees' && !scope.programId)
      ? await findDefaultProgramId(tx)
      : scope.programId;
  const program = programId ? await findProgramInScope(tx, programId, { kind: 'all' }) : undefined;
  if (!program) throw new AppError('not_found', 'Programme introuvable.');
  if (!program.isActive) {
    throw new AppError('conflict', 'Ce programme est désactivé : il ne reçoit plus de tandems.');
  }
  if (scope.kind === 'cohort') {
    if (!(await findCohortOfProgram(tx, program.id, scope.cohortId))) {
      throw new AppError('not_found', 'Cette promotion n’appartient pas à ce programme.');
    }
    return { program, cohortId: scope.cohortId, selection: scope };
  }
  if (scope.kind === 'program') return { program, cohortId: null, selection: scope };
  if (scope.kind === 'pool') return { program, cohortId: null, selection: { kind: 'pool' } };
  return {
    program,
    cohortId: null,
    selection: {
      kind: 'mentees',
      menteeIds: scope.menteeIds,
      evenInTandem: scope.evenInTandem ?? false,
    },
  };
}

/** The restriction of a programme to its dedicated mentors, as the mentor query takes it. */
export function dedicatedRestriction(program: ProgramRow, cohortId: string | null) {
  return program.restrictToDedicatedMentors ? { programId: program.id, cohortId } : undefined;
}
