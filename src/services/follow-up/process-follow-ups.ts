import type { LinkingContext } from '../tandems/tandem-emails.ts';
import { raiseSilenceAlerts } from './raise-silence-alerts.ts';
import { sendDueCheckIns, type CheckInReport } from './send-due-check-ins.ts';

export type FollowUpReport = CheckInReport & { silenceAlerts: number };

/**
 * The scheduled handler of qualitative follow-up (idempotent; safe to run every few minutes):
 * plans, sends, reminds and misses check-ins, then alerts on tandems gone silent. Low
 * satisfaction is alerted when a check-in is answered; low fit and unanswered proposals by
 * the tandem services.
 */
export async function processFollowUps(context: LinkingContext): Promise<FollowUpReport> {
  const checkIns = await sendDueCheckIns(context);
  const silenceAlerts = await raiseSilenceAlerts(context);
  return { ...checkIns, silenceAlerts };
}
