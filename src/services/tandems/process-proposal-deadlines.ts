import { findMenteeFile } from '../../db/repositories/mentees-repository.ts';
import { findProgramInScope } from '../../db/repositories/programs-repository.ts';
import {
  findExpiredProposals,
  findProposalsToRemind,
  lockTandem,
  raiseAlert,
  updateTandem,
} from '../../db/repositories/tandems-repository.ts';
import { ANONYMOUS } from '../../domain/auth.ts';
import { PROPOSAL_REMINDER_DAYS_BEFORE, type TandemSide } from '../../domain/tandem-lifecycle.ts';
import type { RequestOrigin } from '../context.ts';
import { queueEmailTo } from '../notifications/queue-email.ts';
import { stageRematch } from './stage-rematch.ts';
import {
  coordinatorsOf,
  peopleOf,
  queueProposalEmail,
  referrerOf,
  type LinkingContext,
} from './tandem-emails.ts';
import { transitionTandem } from './transition-tandem.ts';

/** The job acts on nobody's behalf: audit entries and history rows carry no actor. */
const DEADLINE_JOB: RequestOrigin = { actor: ANONYMOUS, userAgent: 'tandem-jobs' };

export type ProposalDeadlineReport = { reminded: number; expired: number };

/**
 * The scheduled handler of reply deadlines (idempotent; safe to run every few minutes).
 * `PROPOSAL_REMINDER_DAYS_BEFORE` days before a deadline, the sides that have not answered
 * get a reminder with fresh one-click links (once). At the deadline the proposal expires:
 * the mentor's slot is freed, an alert is raised for the coordinator and the mentee's
 * referrer (with e-mails), both sides are told, and the engine's next-best mentor is staged.
 * Each proposal is handled in its own transaction, so one failure does not hold back others.
 */
export async function processProposalDeadlines(
  context: LinkingContext,
): Promise<ProposalDeadlineReport> {
  const now = context.clock.now();
  let reminded = 0;
  for (const due of await findProposalsToRemind(context.db, now, PROPOSAL_REMINDER_DAYS_BEFORE)) {
    const sent = await context.db.transaction(async (tx) => {
      const tandem = await lockTandem(tx, due.id);
      if (!tandem || tandem.status !== 'proposed' || tandem.replyReminderSentAt) return false;
      const people = await peopleOf(tx, tandem);
      const program = await findProgramInScope(tx, tandem.programId, { kind: 'all' });
      const waitingOn: TandemSide[] = [];
      if (!tandem.menteeDecision) waitingOn.push('mentee');
      if (!tandem.mentorDecision) waitingOn.push('mentor');
      for (const side of waitingOn) {
        await queueProposalEmail(tx, context, {
          template: 'tandem_proposal_reminder',
          tandem,
          side,
          recipient: side === 'mentee' ? people.mentee : people.mentor,
          programName: program?.name ?? '',
        });
      }
      await updateTandem(tx, tandem.id, { replyReminderSentAt: now });
      return true;
    });
    if (sent) reminded += 1;
  }

  let expired = 0;
  for (const due of await findExpiredProposals(context.db, now)) {
    const done = await context.db.transaction(async (tx) => {
      const tandem = await lockTandem(tx, due.id);
      if (!tandem || tandem.status !== 'proposed') return false;
      const unanswered: TandemSide[] = [];
      if (!tandem.menteeDecision) unanswered.push('mentee');
      if (!tandem.mentorDecision) unanswered.push('mentor');
      const closed = await transitionTandem(tx, {
        tandem,
        event: { kind: 'expire' },
        reason: 'reply_deadline_passed',
        origin: DEADLINE_JOB,
        now,
      });
      const rematch = await stageRematch(tx, { tandem: closed, reason: 'proposal_expired', now });
      const { mentee, mentor } = await peopleOf(tx, tandem);
      const file = await findMenteeFile(tx, tandem.menteeId);
      const details = {
        unanswered,
        rematchRoundId: rematch.id,
        suggestedMentors: (rematch.summary as { matchedCount?: number } | null)?.matchedCount ?? 0,
      };
      await raiseAlert(tx, {
        kind: 'proposal_expired',
        tandemId: tandem.id,
        menteeId: tandem.menteeId,
        partnerId: file?.profile.partnerId ?? null,
        message: `La proposition de tandem entre ${mentee.firstName} ${mentee.lastName} et ${mentor.firstName} ${mentor.lastName} a expiré sans réponse.`,
        details,
        createdAt: now,
        dedupeKey: `proposal_expired:${tandem.id}`,
      });
      const staff = [...(await coordinatorsOf(tx, tandem))];
      const referrer = await referrerOf(tx, tandem.menteeId);
      if (referrer) staff.push(referrer);
      for (const recipient of staff) {
        await queueEmailTo(
          tx,
          recipient,
          'tandem_proposal_expired_staff',
          {
            tandemId: tandem.id,
            menteeName: `${mentee.firstName} ${mentee.lastName}`,
            mentorName: `${mentor.firstName} ${mentor.lastName}`,
            ...details,
          },
          { runAt: now },
        );
      }
      for (const recipient of [mentee, mentor]) {
        await queueEmailTo(
          tx,
          recipient,
          'tandem_proposal_expired',
          { tandemId: tandem.id },
          { runAt: now },
        );
      }
      return true;
    });
    if (done) expired += 1;
  }
  return { reminded, expired };
}
