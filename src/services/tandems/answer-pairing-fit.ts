import {
  answerCheckIn,
  findTandem,
  lockCheckIn,
  raiseAlert,
  type CheckInRow,
} from '../../db/repositories/tandems-repository.ts';
import { findMenteeFile } from '../../db/repositories/mentees-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { requireRole } from '../../domain/policies.ts';
import {
  PAIRING_FIT_ANSWERS,
  POOR_FIT_AT_MOST,
  type PairingFitAnswer,
} from '../../domain/tandem-lifecycle.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { queueEmailTo } from '../notifications/queue-email.ts';
import { stageRematch } from './stage-rematch.ts';
import { coordinatorsOf, peopleOf } from './tandem-emails.ts';

export type AnswerPairingFitOptions = {
  checkInId: string;
  answer: PairingFitAnswer;
  comment?: string | null | undefined;
  origin: RequestOrigin;
};

/**
 * The respondent answers the "pairing fit" question asked after the first meeting (once).
 * "Not a good fit" raises a `low_fit` alert for the coordinator (by e-mail too) and stages a
 * re-match suggestion for the mentee; the tandem goes on until someone ends it.
 */
export async function answerPairingFit(
  context: ServiceContext,
  options: AnswerPairingFitOptions,
): Promise<CheckInRow> {
  const actor = requireRole(options.origin.actor, ['mentor', 'mentee']);
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    const checkIn = await lockCheckIn(tx, options.checkInId);
    if (!checkIn || checkIn.respondentId !== actor.userId || checkIn.kind !== 'pairing_fit') {
      throw new AppError('not_found', 'Point de suivi introuvable.');
    }
    if (checkIn.status === 'answered') throw new AppError('check_in_already_answered');
    const score = PAIRING_FIT_ANSWERS[options.answer];
    const answered = await answerCheckIn(tx, checkIn.id, {
      answeredAt: now,
      isGoodFit: score,
      satisfaction: null,
      comment: options.comment?.trim() || null,
    });
    await recordAudit(tx, options.origin, now, {
      action: 'tandem.pairing_fit_answer',
      subjectType: 'tandem',
      subjectId: checkIn.tandemId,
      details: { checkInId: checkIn.id, answer: options.answer },
    });
    const tandem = await findTandem(tx, checkIn.tandemId);
    if (tandem && score <= POOR_FIT_AT_MOST) {
      const { mentee, mentor } = await peopleOf(tx, tandem);
      const file = await findMenteeFile(tx, tandem.menteeId);
      const rematch = await stageRematch(tx, { tandem, reason: 'not_a_good_fit', now });
      const alert = await raiseAlert(tx, {
        kind: 'low_fit',
        tandemId: tandem.id,
        menteeId: tandem.menteeId,
        partnerId: file?.profile.partnerId ?? null,
        message: `Le binôme ${mentee.firstName} ${mentee.lastName} – ${mentor.firstName} ${mentor.lastName} ne semble pas bien fonctionner (réponse du ${checkIn.side === 'mentee' ? 'mentoré·e' : 'mentor'}).`,
        details: { side: checkIn.side, checkInId: checkIn.id, rematchRoundId: rematch.id },
        createdAt: now,
        dedupeKey: `low_fit:${tandem.id}`,
      });
      if (alert) {
        for (const coordinator of await coordinatorsOf(tx, tandem)) {
          await queueEmailTo(
            tx,
            coordinator,
            'pairing_fit_alert',
            {
              tandemId: tandem.id,
              side: checkIn.side,
              comment: answered.comment,
              menteeName: `${mentee.firstName} ${mentee.lastName}`,
              mentorName: `${mentor.firstName} ${mentor.lastName}`,
              rematchRoundId: rematch.id,
            },
            { runAt: now },
          );
        }
      }
    }
    return answered;
  });
}
