import { findSilentTandems } from '../../db/repositories/follow-up-repository.ts';
import { lockTandem } from '../../db/repositories/tandems-repository.ts';
import { addMinutes } from '../../domain/clock.ts';
import { NO_MEETING_ALERT_DAYS } from '../../domain/follow-up.ts';
import type { ServiceContext } from '../context.ts';
import { raiseRiskAlert } from './raise-risk-alert.ts';

const frenchDay = (date: Date) =>
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(date);

/**
 * Raises a `no_meeting` alert for each active tandem silent for `NO_MEETING_ALERT_DAYS` days
 * (no meeting logged since, nor since its start). The cause is the silence since one given
 * last meeting: it alerts once, and again only after a new meeting and a new silence.
 * Returns how many alerts were raised.
 */
export async function raiseSilenceAlerts(context: ServiceContext): Promise<number> {
  const now = context.clock.now();
  const silentSince = addMinutes(now, -NO_MEETING_ALERT_DAYS * 24 * 60);
  let raised = 0;
  for (const silent of await findSilentTandems(context.db, silentSince)) {
    const alert = await context.db.transaction(async (tx) => {
      const tandem = await lockTandem(tx, silent.tandemId);
      if (tandem?.status !== 'active') return undefined;
      const days = Math.floor((now.getTime() - silent.lastMeetingAt.getTime()) / 86_400_000);
      return raiseRiskAlert(tx, {
        kind: 'no_meeting',
        tandem,
        dedupeKey: `no_meeting:${tandem.id}:${silent.lastMeetingAt.toISOString()}`,
        describe: (menteeName, mentorName) =>
          `Le tandem ${menteeName} – ${mentorName} n’a noté aucune rencontre depuis le ${frenchDay(silent.lastMeetingAt)} (${days} jours).`,
        details: { lastMeetingAt: silent.lastMeetingAt.toISOString(), silentDays: days },
        now,
      });
    });
    if (alert) raised += 1;
  }
  return raised;
}
