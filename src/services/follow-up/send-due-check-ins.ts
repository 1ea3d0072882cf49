import type { Executor } from '../../db/client.ts';
import {
  findActiveTandemsToSchedule,
  findCheckInsToSend,
  findEndedTandemsWithoutClosure,
  findUnansweredCheckIns,
  updateCheckIn,
} from '../../db/repositories/follow-up-repository.ts';
import {
  findTandem,
  insertCheckIns,
  listCheckIns,
  lockCheckIn,
  lockTandem,
  type CheckInRow,
} from '../../db/repositories/tandems-repository.ts';
import { addMinutes } from '../../domain/clock.ts';
import {
  CHECK_IN_MISSED_DAYS,
  CHECK_IN_REMINDER_DAYS,
  checkInDueDates,
  CLOSURE_CHECK_IN_WINDOW_DAYS,
} from '../../domain/follow-up.ts';
import { CHECK_IN_LINK_DAYS } from '../../domain/tandem-lifecycle.ts';
import { queueEmailTo } from '../notifications/queue-email.ts';
import { linkFor, peopleOf, type LinkingContext } from '../tandems/tandem-emails.ts';
import { raiseRiskAlert } from './raise-risk-alert.ts';

const DAY_MINUTES = 24 * 60;
const SIDES = ['mentee', 'mentor'] as const;

export type CheckInReport = {
  scheduled: number;
  sent: number;
  reminded: number;
  missed: number;
};

/**
 * The check-in part of the follow-up job (idempotent; each step re-checks its row under a lock
 * in its own transaction, so two workers never send the same check-in twice):
 * 1. a tandem that became active gets its programme's check-ins (1, 3, 6 months by default),
 *    one per side; a tandem that ended gets a closure check-in per side, due at once;
 * 2. due check-ins are e-mailed with a one-click survey link;
 * 3. `CHECK_IN_REMINDER_DAYS` after sending, an unanswered one gets its one reminder;
 * 4. `CHECK_IN_MISSED_DAYS` after sending, still unanswered after that reminder, it is
 *    missed — asked twice, answered never — and alerts the coordinator and the referrer.
 */
export async function sendDueCheckIns(context: LinkingContext): Promise<CheckInReport> {
  const now = context.clock.now();
  const report: CheckInReport = { scheduled: 0, sent: 0, reminded: 0, missed: 0 };

  for (const { tandem: due, checkInMonths } of await findActiveTandemsToSchedule(context.db)) {
    report.scheduled += await context.db.transaction(async (tx) => {
      const tandem = await lockTandem(tx, due.id);
      if (!tandem?.startedAt || tandem.status !== 'active') return 0;
      if ((await listCheckIns(tx, tandem.id, 'scheduled')).length > 0) return 0;
      const rows = checkInDueDates(tandem.startedAt, checkInMonths).flatMap((when) =>
        SIDES.map((side) => ({
          tandemId: tandem.id,
          respondentId: side === 'mentee' ? tandem.menteeId : tandem.mentorId,
          side,
          kind: 'scheduled' as const,
          monthNumber: when.monthNumber,
          dueAt: when.dueAt,
        })),
      );
      return (await insertCheckIns(tx, rows)).length;
    });
  }

  const since = addMinutes(now, -CLOSURE_CHECK_IN_WINDOW_DAYS * DAY_MINUTES);
  for (const due of await findEndedTandemsWithoutClosure(context.db, since)) {
    report.scheduled += await context.db.transaction(async (tx) => {
      const tandem = await lockTandem(tx, due.id);
      if (!tandem) return 0;
      if ((await listCheckIns(tx, tandem.id, 'closure')).length > 0) return 0;
      const rows = SIDES.map((side) => ({
        tandemId: tandem.id,
        respondentId: side === 'mentee' ? tandem.menteeId : tandem.mentorId,
        side,
        kind: 'closure' as const,
        dueAt: now,
      }));
      return (await insertCheckIns(tx, rows)).length;
    });
  }

  for (const due of await findCheckInsToSend(context.db, now)) {
    const sent = await context.db.transaction(async (tx) => {
      const checkIn = await lockCheckIn(tx, due.id);
      if (checkIn?.status !== 'scheduled') return false;
      await queueSurvey(tx, context, checkIn, 'check_in_survey', now);
      await updateCheckIn(tx, checkIn.id, { status: 'sent', sentAt: now });
      return true;
    });
    if (sent) report.sent += 1;
  }

  const remindBefore = addMinutes(now, -CHECK_IN_REMINDER_DAYS * DAY_MINUTES);
  for (const due of await findUnansweredCheckIns(context.db, remindBefore, { below: 1 })) {
    const reminded = await context.db.transaction(async (tx) => {
      const checkIn = await lockCheckIn(tx, due.id);
      if (checkIn?.status !== 'sent' || checkIn.remindersSent >= 1) return false;
      await queueSurvey(tx, context, checkIn, 'check_in_survey_reminder', now);
      await updateCheckIn(tx, checkIn.id, { remindersSent: checkIn.remindersSent + 1 });
      return true;
    });
    if (reminded) report.reminded += 1;
  }

  const missBefore = addMinutes(now, -CHECK_IN_MISSED_DAYS * DAY_MINUTES);
  for (const due of await findUnansweredCheckIns(context.db, missBefore, { atLeast: 1 })) {
    const missed = await context.db.transaction(async (tx) => {
      const checkIn = await lockCheckIn(tx, due.id);
      if (checkIn?.status !== 'sent' || checkIn.remindersSent < 1) return false;
      await updateCheckIn(tx, checkIn.id, { status: 'missed' });
      const tandem = await findTandem(tx, checkIn.tandemId);
      if (tandem) {
        const who = checkIn.side === 'mentee' ? 'Le ou la mentoré·e' : 'Le mentor';
        await raiseRiskAlert(tx, {
          kind: 'check_in_unanswered',
          tandem,
          dedupeKey: `check_in_unanswered:${checkIn.id}`,
          describe: (menteeName, mentorName) =>
            `${who} du tandem ${menteeName} – ${mentorName} n’a pas répondu au point de suivi ${checkIn.kind === 'closure' ? 'de clôture' : `des ${checkIn.monthNumber} mois`}, ni à son rappel.`,
          details: { checkInId: checkIn.id, side: checkIn.side, monthNumber: checkIn.monthNumber },
          now,
        });
      }
      return true;
    });
    if (missed) report.missed += 1;
  }
  return report;
}

/** E-mails one check-in's survey (or its reminder) with a fresh one-click answer link. */
async function queueSurvey(
  tx: Executor,
  context: LinkingContext,
  checkIn: CheckInRow,
  template: 'check_in_survey' | 'check_in_survey_reminder',
  now: Date,
): Promise<void> {
  const tandem = await findTandem(tx, checkIn.tandemId);
  if (!tandem) return;
  const { mentee, mentor } = await peopleOf(tx, tandem);
  const [recipient, other] = checkIn.side === 'mentee' ? [mentee, mentor] : [mentor, mentee];
  await queueEmailTo(
    tx,
    recipient,
    template,
    {
      tandemId: tandem.id,
      otherFirstName: other.firstName,
      monthNumber: checkIn.kind === 'closure' ? null : checkIn.monthNumber,
      answerLink: linkFor(
        context,
        'check_in_survey',
        recipient,
        checkIn.id,
        addMinutes(now, CHECK_IN_LINK_DAYS * DAY_MINUTES),
      ),
    },
    { runAt: now },
  );
}
