import type { MentorRecord } from '../../db/repositories/mentors-repository.ts';
import { requireMentorSelfOrStaff } from '../../domain/mentor-lifecycle.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { transitionMentor } from './transition-mentor.ts';

export type ResumeMentorOptions = { mentorId: string; origin: RequestOrigin };

/** A paused mentor comes back before (or at) the planned date: `paused` → `active`. */
export async function resumeMentor(
  context: ServiceContext,
  options: ResumeMentorOptions,
): Promise<MentorRecord> {
  requireMentorSelfOrStaff(options.origin.actor, options.mentorId);
  const now = context.clock.now();
  return context.db.transaction((tx) =>
    transitionMentor(tx, {
      mentorId: options.mentorId,
      event: 'resume',
      changes: { pausedUntil: null },
      origin: options.origin,
      now,
    }),
  );
}
