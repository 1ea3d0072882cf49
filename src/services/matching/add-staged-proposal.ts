import {
  deleteRemovedProposal,
  insertMatchProposals,
  type MatchProposalRow,
} from '../../db/repositories/matching-rounds-repository.ts';
import { requireRole } from '../../domain/policies.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { checkStagedPair, lockStagedRound } from './check-staged-pair.ts';
import { MATCHMAKERS } from './round-rules.ts';

export type AddStagedProposalOptions = {
  roundId: string;
  menteeId: string;
  mentorId: string;
  origin: RequestOrigin;
};

/**
 * A coordinator stages a pair of their own in a staged round. The pair gets the same checks
 * and the same explained score as the engine's (`checkStagedPair`): capacity, availability,
 * exclusions, conflicts of interest, programme restriction.
 */
export async function addStagedProposal(
  context: ServiceContext,
  options: AddStagedProposalOptions,
): Promise<MatchProposalRow> {
  requireRole(options.origin.actor, MATCHMAKERS);
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    const staged = await lockStagedRound(tx, options.roundId);
    const pair = { menteeId: options.menteeId, mentorId: options.mentorId };
    const scored = await checkStagedPair(tx, staged, pair, { now });
    await deleteRemovedProposal(tx, staged.round.id, pair.menteeId, pair.mentorId);
    const [proposal] = await insertMatchProposals(tx, [
      {
        roundId: staged.round.id,
        ...pair,
        ...scored,
        status: 'staged',
        addedByCoordinator: true,
        createdAt: now,
      },
    ]);
    await recordAudit(tx, options.origin, now, {
      action: 'matching.proposal_add',
      subjectType: 'matching_round',
      subjectId: staged.round.id,
      details: { ...pair, score: scored.score },
    });
    return proposal!;
  });
}
