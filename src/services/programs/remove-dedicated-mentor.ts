import {
  deleteProgramMentor,
  findProgramForUpdate,
} from '../../db/repositories/programs-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { requireRole } from '../../domain/policies.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { PROGRAM_MANAGERS } from './program-rules.ts';

export type RemoveDedicatedMentorOptions = {
  programId: string;
  mentorId: string;
  origin: RequestOrigin;
};

/**
 * Ends a mentor's dedication to a programme (staff only). Their tandems in it carry on;
 * they are simply no longer reserved for it. `not_found` when they were not dedicated.
 */
export async function removeDedicatedMentor(
  context: ServiceContext,
  options: RemoveDedicatedMentorOptions,
): Promise<void> {
  requireRole(options.origin.actor, PROGRAM_MANAGERS);
  const now = context.clock.now();
  await context.db.transaction(async (tx) => {
    const program = await findProgramForUpdate(tx, options.programId);
    if (!program) throw new AppError('not_found');
    if (!(await deleteProgramMentor(tx, program.id, options.mentorId))) {
      throw new AppError('not_found');
    }
    await recordAudit(tx, options.origin, now, {
      action: 'program.mentor_remove',
      subjectType: 'program',
      subjectId: program.id,
      details: { mentorId: options.mentorId },
    });
  });
}
