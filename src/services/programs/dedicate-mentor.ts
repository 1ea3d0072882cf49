import { findUserById } from '../../db/repositories/users-repository.ts';
import {
  findCohortOfProgram,
  findProgramForUpdate,
  findProgramMentor,
  hasMentorProfile,
  upsertProgramMentor,
  type DedicatedMentorRow,
} from '../../db/repositories/programs-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { requireRole } from '../../domain/policies.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { PROGRAM_MANAGERS } from './program-rules.ts';

export type DedicateMentorOptions = {
  programId: string;
  mentorId: string;
  /** A cohort of the same programme, or null for the programme as a whole. */
  cohortId?: string | null | undefined;
  origin: RequestOrigin;
};

/**
 * Dedicates a mentor to a programme, optionally to one of its cohorts (staff only). Only a
 * person with a mentor profile can be dedicated (`not_a_mentor`); an unknown person or a
 * cohort of another programme is `not_found`. Dedicating again moves the mentor to the
 * given cohort.
 */
export async function dedicateMentor(
  context: ServiceContext,
  options: DedicateMentorOptions,
): Promise<DedicatedMentorRow> {
  requireRole(options.origin.actor, PROGRAM_MANAGERS);
  const now = context.clock.now();
  const cohortId = options.cohortId ?? null;
  return context.db.transaction(async (tx) => {
    const program = await findProgramForUpdate(tx, options.programId);
    if (!program) throw new AppError('not_found', 'Programme introuvable.');
    const person = await findUserById(tx, options.mentorId);
    if (!person) throw new AppError('not_found', 'Personne introuvable.');
    if (!(await hasMentorProfile(tx, person.id))) throw new AppError('not_a_mentor');
    if (cohortId && !(await findCohortOfProgram(tx, program.id, cohortId))) {
      throw new AppError('not_found', 'Cette promotion n’appartient pas à ce programme.');
    }
    await upsertProgramMentor(tx, {
      programId: program.id,
      mentorId: person.id,
      cohortId,
      addedAt: now,
    });
    await recordAudit(tx, options.origin, now, {
      action: 'program.mentor_add',
      subjectType: 'program',
      subjectId: program.id,
      details: { mentorId: person.id, cohortId },
    });
    const dedicated = await findProgramMentor(tx, program.id, person.id);
    if (!dedicated) throw new AppError('not_found');
    return dedicated;
  });
}
