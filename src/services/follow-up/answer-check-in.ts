import { updateCheckIn } from '../../db/repositories/follow-up-repository.ts';
import {
  findTandem,
  lockCheckIn,
  type CheckInRow,
} from '../../db/repositories/tandems-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { isWorryingAnswer, LOW_SATISFACTION_AT_MOST } from '../../domain/follow-up.ts';
import { requireRole } from '../../domain/policies.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { raiseRiskAlert } from './raise-risk-alert.ts';

export type AnswerCheckInOptions = {
  checkInId: string;
  /** 1 (not at all) to 5 (very). */
  satisfaction: number;
  isOnTrack: boolean;
  comment?: string | null | undefined;
  origin: RequestOrigin;
};

/**
 * The respondent answers a scheduled or closure check-in (once): satisfaction, on track or
 * not, an optional comment. A satisfaction of `LOW_SATISFACTION_AT_MOST` or less, or "not on
 * track", raises a `low_satisfaction` alert for the coordinator and the referrer. A check-in
 * already missed may still be answered: late news is better than none.
 */
export async function answerCheckIn(
  context: ServiceContext,
  options: AnswerCheckInOptions,
): Promise<CheckInRow> {
  const actor = requireRole(options.origin.actor, ['mentor', 'mentee']);
  if (
    !Number.isInteger(options.satisfaction) ||
    options.satisfaction < 1 ||
    options.satisfaction > 5
  ) {
    throw new AppError('validation_failed', undefined, {
      fields: [{ field: 'body/satisfaction', message: 'must be an integer from 1 to 5' }],
    });
  }
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    const checkIn = await lockCheckIn(tx, options.checkInId);
    if (!checkIn || checkIn.respondentId !== actor.userId || checkIn.kind === 'pairing_fit') {
      throw new AppError('not_found', 'Point de suivi introuvable.');
    }
    if (checkIn.status === 'answered') throw new AppError('check_in_already_answered');
    const answered = await updateCheckIn(tx, checkIn.id, {
      status: 'answered',
      answeredAt: now,
      satisfaction: options.satisfaction,
      comment: options.comment?.trim() || null,
      answers: { isOnTrack: options.isOnTrack },
    });
    await recordAudit(tx, options.origin, now, {
      action: 'tandem.check_in_answer',
      subjectType: 'tandem',
      subjectId: checkIn.tandemId,
      details: {
        checkInId: checkIn.id,
        satisfaction: options.satisfaction,
        isOnTrack: options.isOnTrack,
      },
    });
    const tandem = await findTandem(tx, checkIn.tandemId);
    if (tandem && isWorryingAnswer(options)) {
      const who = checkIn.side === 'mentee' ? 'le ou la mentoré·e' : 'le mentor';
      await raiseRiskAlert(tx, {
        kind: 'low_satisfaction',
        tandem,
        dedupeKey: `low_satisfaction:${checkIn.id}`,
        describe: (menteeName, mentorName) =>
          `Au point de suivi ${checkIn.kind === 'closure' ? 'de clôture' : `des ${checkIn.monthNumber} mois`}, ${who} du tandem ${menteeName} – ${mentorName} ${
            options.satisfaction <= LOW_SATISFACTION_AT_MOST
              ? `se dit peu satisfait·e (${options.satisfaction}/5)`
              : `est satisfait·e à ${options.satisfaction}/5`
          }${options.isOnTrack ? '' : ' et trouve que le tandem n’avance pas comme prévu'}.${answered.comment ? ` Commentaire : « ${answered.comment} »` : ''}`,
        details: {
          checkInId: checkIn.id,
          side: checkIn.side,
          satisfaction: options.satisfaction,
          isOnTrack: options.isOnTrack,
        },
        now,
      });
    }
    return answered;
  });
}
