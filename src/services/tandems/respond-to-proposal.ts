import { insertPairExclusion } from '../../db/repositories/matching-rounds-repository.ts';
import { updateMenteeProfile } from '../../db/repositories/mentees-repository.ts';
import { updateTandem, type TandemRow } from '../../db/repositories/tandems-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { requireRole } from '../../domain/policies.ts';
import { type TandemSide } from '../../domain/tandem-lifecycle.ts';
import type { Decision } from '../../domain/tandems.ts';
import { loadTandemFor } from './load-tandem-for.ts';
import type { RequestOrigin } from '../context.ts';
import { queueEmailTo } from '../notifications/queue-email.ts';
import { stageRematch } from './stage-rematch.ts';
import { coordinatorsOf, meetingLinkFor, peopleOf, type LinkingContext } from './tandem-emails.ts';
import { transitionTandem } from './transition-tandem.ts';

export type RespondToProposalOptions = {
  tandemId: string;
  decision: Decision;
  /** Required to decline: it helps the hub propose better next time. */
  reason?: string | undefined;
  origin: RequestOrigin;
};

/** Who answers a proposal: its mentor and its mentee, each for themself. */
const RESPONDERS = ['mentor', 'mentee'] as const;

/**
 * One side accepts or declines a proposal (double opt-in). When the second side accepts, the
 * tandem is `accepted` and both receive each other's contact and a link to log their first
 * meeting. A decline closes the proposal, frees the mentor's slot, excludes the pair from
 * every later round, tells the other side and the coordinator, and stages the engine's
 * next-best mentor for the mentee.
 */
export async function respondToProposal(
  context: LinkingContext,
  options: RespondToProposalOptions,
): Promise<TandemRow> {
  requireRole(options.origin.actor, RESPONDERS);
  if (options.decision === 'declined' && !options.reason?.trim()) {
    throw new AppError('validation_failed', 'Indiquez en quelques mots pourquoi vous refusez.', {
      fields: [{ field: 'body/reason', message: 'required to decline' }],
    });
  }
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    const loaded = await loadTandemFor(tx, {
      tandemId: options.tandemId,
      actor: options.origin.actor,
      staffToo: false,
      lock: true,
    });
    const { tandem } = loaded;
    const side = loaded.side as TandemSide;
    if (tandem.status === 'proposed' && tandem.replyDeadlineAt && tandem.replyDeadlineAt <= now) {
      // The deadline job may not have run yet: the proposal is closed all the same.
      throw new AppError('proposal_closed');
    }
    const decidedAt = side === 'mentee' ? { menteeDecidedAt: now } : { mentorDecidedAt: now };
    const { mentee, mentor } = await peopleOf(tx, tandem);
    const other = side === 'mentee' ? mentor : mentee;
    if (options.decision === 'declined') {
      const reason = options.reason!.trim();
      const declined = await transitionTandem(tx, {
        tandem,
        event: { kind: 'decline', side },
        changes: { ...decidedAt, declineReason: reason },
        reason,
        origin: options.origin,
        now,
      });
      await insertPairExclusion(tx, {
        menteeId: tandem.menteeId,
        mentorId: tandem.mentorId,
        reason: `declined by the ${side}: ${reason}`,
        createdBy: side === 'mentee' ? mentee.id : mentor.id,
        createdAt: now,
      });
      const rematch = await stageRematch(tx, {
        tandem: declined,
        reason: 'proposal_declined',
        now,
      });
      await queueEmailTo(
        tx,
        other,
        'tandem_proposal_declined',
        {
          otherFirstName: (side === 'mentee' ? mentee : mentor).firstName,
          tandemId: tandem.id,
        },
        { runAt: now },
      );
      for (const coordinator of await coordinatorsOf(tx, tandem)) {
        await queueEmailTo(
          tx,
          coordinator,
          'tandem_proposal_declined_staff',
          {
            tandemId: tandem.id,
            declinedBy: side,
            reason,
            menteeName: `${mentee.firstName} ${mentee.lastName}`,
            mentorName: `${mentor.firstName} ${mentor.lastName}`,
            rematchRoundId: rematch.id,
          },
          { runAt: now },
        );
      }
      return declined;
    }
    const answered = await transitionTandem(tx, {
      tandem,
      event: { kind: 'accept', side },
      changes: decidedAt,
      origin: options.origin,
      now,
    });
    if (answered.status !== 'accepted') return answered;
    const accepted = await updateTandem(tx, tandem.id, { acceptedAt: now });
    await updateMenteeProfile(tx, tandem.menteeId, { status: 'in_tandem' });
    for (const [recipient, partner] of [
      [mentee, mentor],
      [mentor, mentee],
    ] as const) {
      await queueEmailTo(
        tx,
        recipient,
        'tandem_accepted',
        {
          tandemId: tandem.id,
          other: {
            firstName: partner.firstName,
            lastName: partner.lastName,
            email: partner.email,
            phone: partner.phone,
          },
          meetingLink: meetingLinkFor(context, recipient, tandem.id),
        },
        { runAt: now },
      );
    }
    return accepted;
  });
}
