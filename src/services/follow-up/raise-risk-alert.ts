import type { Executor } from '../../db/client.ts';
import { wasAlertRaised } from '../../db/repositories/follow-up-repository.ts';
import { findMenteeFile } from '../../db/repositories/mentees-repository.ts';
import {
  raiseAlert,
  type AlertRow,
  type TandemRow,
} from '../../db/repositories/tandems-repository.ts';
import { queueEmailTo } from '../notifications/queue-email.ts';
import type { RISK_ALERT_KINDS } from '../notifications/templates/follow-up.ts';
import { coordinatorsOf, peopleOf, referrerOf } from '../tandems/tandem-emails.ts';

export type RaiseRiskAlertOptions = {
  kind: (typeof RISK_ALERT_KINDS)[number];
  tandem: TandemRow;
  /** Names the cause: an alert with this key is raised once, ever (even after resolution). */
  dedupeKey: string;
  /** What happened, in French, given the mentee's and the mentor's full names. */
  describe: (menteeName: string, mentorName: string) => string;
  details: Record<string, unknown>;
  now: Date;
};

/**
 * Raises a follow-up risk alert in the caller's transaction and e-mails it to the tandem's
 * coordinator(s) and the mentee's referrer. Never twice for the same cause: a cause already
 * raised — still open or since resolved — does nothing and returns undefined.
 */
export async function raiseRiskAlert(
  tx: Executor,
  options: RaiseRiskAlertOptions,
): Promise<AlertRow | undefined> {
  if (await wasAlertRaised(tx, options.dedupeKey)) return undefined;
  const { tandem } = options;
  const { mentee, mentor } = await peopleOf(tx, tandem);
  const menteeName = `${mentee.firstName} ${mentee.lastName}`;
  const mentorName = `${mentor.firstName} ${mentor.lastName}`;
  const file = await findMenteeFile(tx, tandem.menteeId);
  const message = options.describe(menteeName, mentorName);
  const alert = await raiseAlert(tx, {
    kind: options.kind,
    tandemId: tandem.id,
    menteeId: tandem.menteeId,
    partnerId: file?.profile.partnerId ?? null,
    message,
    details: options.details,
    createdAt: options.now,
    dedupeKey: options.dedupeKey,
  });
  if (!alert) return undefined;
  const recipients = [...(await coordinatorsOf(tx, tandem))];
  const referrer = await referrerOf(tx, tandem.menteeId);
  if (referrer) recipients.push(referrer);
  for (const recipient of recipients) {
    await queueEmailTo(
      tx,
      recipient,
      'follow_up_alert',
      {
        tandemId: tandem.id,
        alertId: alert.id,
        kind: options.kind,
        menteeName,
        mentorName,
        message,
      },
      { runAt: options.now },
    );
  }
  return alert;
}
