import type { Database } from '../../db/client.ts';
import { findHubSettings } from '../../db/repositories/hub-repository.ts';
import {
  findMentorIdsPausedUntilBefore,
  lockMentorProfile,
} from '../../db/repositories/mentors-repository.ts';
import { ANONYMOUS } from '../../domain/auth.ts';
import type { Clock } from '../../domain/clock.ts';
import { calendarDateIn } from '../../domain/mentor-lifecycle.ts';
import type { RequestOrigin } from '../context.ts';
import { queueEmailTo } from '../notifications/queue-email.ts';
import { transitionMentor } from './transition-mentor.ts';

/** The worker acts for nobody: the audit log shows no actor and this user agent. */
const SCHEDULE_ORIGIN: RequestOrigin = { actor: ANONYMOUS, userAgent: 'tandem worker (schedule)' };

/**
 * Brings back every paused mentor whose last day of pause is over at the hub (`paused` →
 * `active`), one transaction each, and tells them by e-mail. The date is re-checked under the
 * row lock: the mentor may have resumed or changed the date meanwhile. Running it twice does
 * nothing more. Returns how many mentors came back.
 */
export async function resumeMentorsAfterPause(context: {
  db: Database;
  clock: Clock;
}): Promise<number> {
  const now = context.clock.now();
  const timeZone = (await findHubSettings(context.db))?.timezone ?? 'Europe/Paris';
  const today = calendarDateIn(now, timeZone);
  let resumed = 0;
  for (const mentorId of await findMentorIdsPausedUntilBefore(context.db, today)) {
    const didResume = await context.db.transaction(async (tx) => {
      const profile = await lockMentorProfile(tx, mentorId);
      if (profile?.status !== 'paused' || !profile.pausedUntil || profile.pausedUntil >= today) {
        return false;
      }
      const mentor = await transitionMentor(tx, {
        mentorId,
        event: 'resume',
        changes: { pausedUntil: null },
        auditDetails: { reason: 'pause_ended', pausedUntil: profile.pausedUntil },
        origin: SCHEDULE_ORIGIN,
        now,
      });
      await queueEmailTo(tx, mentor.user, 'mentor_pause_ended', {}, { runAt: now });
      return true;
    });
    if (didResume) resumed += 1;
  }
  return resumed;
}
