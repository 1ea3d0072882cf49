import {
  deleteRemovedProposal,
  insertMatchProposals,
  listRoundProposals,
  setProposalsStatus,
  type MatchProposalRow,
} from '../../db/repositories/matching-rounds-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { requireRole } from '../../domain/policies.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { checkStagedPair, lockStagedRound } from './check-staged-pair.ts';
import { MATCHMAKERS } from './round-rules.ts';

export type SwapStagedMentorsOptions = {
  roundId: string;
  /** Two staged proposals whose mentors are exchanged. */
  proposalIds: [string, string];
  origin: RequestOrigin;
};

/**
 * Exchanges the mentors of two staged proposals (A–X, B–Y become A–Y, B–X). Both new pairs
 * are re-checked and re-scored by the engine; if either is refused, nothing changes.
 */
export async function swapStagedMentors(
  context: ServiceContext,
  options: SwapStagedMentorsOptions,
): Promise<MatchProposalRow[]> {
  requireRole(options.origin.actor, MATCHMAKERS);
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    const staged = await lockStagedRound(tx, options.roundId);
    const proposals = await listRoundProposals(tx, staged.round.id, 'staged');
    const [first, second] = options.proposalIds.map((id) =>
      proposals.find((proposal) => proposal.id === id),
    );
    if (!first || !second) throw new AppError('not_found', 'Proposition introuvable dans ce tour.');
    if (first.id === second.id || first.mentorId === second.mentorId) {
      throw new AppError(
        'validation_failed',
        'Choisissez deux propositions de mentors différents.',
      );
    }
    const ignoring = [first.id, second.id];
    const pairs = [
      { menteeId: first.menteeId, mentorId: second.mentorId },
      { menteeId: second.menteeId, mentorId: first.mentorId },
    ];
    const scored = [];
    for (const pair of pairs) {
      scored.push({ ...pair, ...(await checkStagedPair(tx, staged, pair, { now, ignoring })) });
    }
    await setProposalsStatus(tx, ignoring, 'removed');
    for (const pair of pairs) {
      await deleteRemovedProposal(tx, staged.round.id, pair.menteeId, pair.mentorId);
    }
    const inserted = await insertMatchProposals(
      tx,
      scored.map((pair) => ({
        roundId: staged.round.id,
        ...pair,
        status: 'staged' as const,
        addedByCoordinator: true,
        createdAt: now,
      })),
    );
    await recordAudit(tx, options.origin, now, {
      action: 'matching.proposal_swap',
      subjectType: 'matching_round',
      subjectId: staged.round.id,
      details: { replaced: ignoring, pairs },
    });
    return inserted;
  });
}
