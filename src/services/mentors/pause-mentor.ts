import { findHubSettings } from '../../db/repositories/hub-repository.ts';
import type { MentorRecord } from '../../db/repositories/mentors-repository.ts';
import {
  calendarDateIn,
  requireMentorSelfOrStaff,
  requireValidPauseEnd,
} from '../../domain/mentor-lifecycle.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { transitionMentor } from './transition-mentor.ts';

export type PauseMentorOptions = {
  mentorId: string;
  /** The last day of the pause, `YYYY-MM-DD`, after today at the hub. */
  until: string;
  origin: RequestOrigin;
};

/**
 * An active mentor pauses (themself, or hub staff for them) until a date: → `paused`. Current
 * tandems go on; matching only proposes new ones to active mentors.
 */
export async function pauseMentor(
  context: ServiceContext,
  options: PauseMentorOptions,
): Promise<MentorRecord> {
  requireMentorSelfOrStaff(options.origin.actor, options.mentorId);
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    // "Today" is the hub's calendar day, not the server's.
    const timeZone = (await findHubSettings(tx))?.timezone ?? 'Europe/Paris';
    requireValidPauseEnd(options.until, calendarDateIn(now, timeZone));
    return transitionMentor(tx, {
      mentorId: options.mentorId,
      event: 'pause',
      changes: { pausedUntil: options.until },
      auditDetails: { until: options.until },
      origin: options.origin,
      now,
    });
  });
}
