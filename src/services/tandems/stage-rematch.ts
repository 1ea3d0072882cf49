import type { Executor } from '../../db/client.ts';
import type { MatchingRoundRow } from '../../db/repositories/matching-rounds-repository.ts';
import type { TandemRow } from '../../db/repositories/tandems-repository.ts';
import { stageRound } from '../matching/run-matching-round.ts';

/** Why a re-match is staged. */
export type RematchReason = 'proposal_declined' | 'proposal_expired' | 'not_a_good_fit';

/**
 * Stages the engine's next-best mentor for the mentee of a tandem that did not work out, as
 * a round of its own in the same programme, for a coordinator to review and publish. The
 * tandem's mentor is left out (declines and expiries are excluded anyway; a poor fit only
 * for this suggestion). Nobody is told until the round is published.
 */
export async function stageRematch(
  tx: Executor,
  input: { tandem: TandemRow; reason: RematchReason; now: Date },
): Promise<MatchingRoundRow> {
  const { tandem } = input;
  return stageRound(tx, {
    scope: {
      kind: 'mentees',
      menteeIds: [tandem.menteeId],
      programId: tandem.programId,
      evenInTandem: input.reason === 'not_a_good_fit',
    },
    mode: 'greedy',
    now: input.now,
    createdBy: null,
    reason: input.reason,
    alsoExclude: [{ menteeId: tandem.menteeId, mentorId: tandem.mentorId }],
  });
}
