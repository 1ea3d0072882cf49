import {
  listRoundProposals,
  setProposalsStatus,
} from '../../db/repositories/matching-rounds-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { requireRole } from '../../domain/policies.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { lockStagedRound } from './check-staged-pair.ts';
import { MATCHMAKERS } from './round-rules.ts';

export type RemoveStagedProposalOptions = {
  roundId: string;
  proposalId: string;
  origin: RequestOrigin;
};

/**
 * Takes a pair out of a staged round (it stays listed as `removed`, so the review keeps its
 * history). Nobody has been told about it: nothing else changes.
 */
export async function removeStagedProposal(
  context: ServiceContext,
  options: RemoveStagedProposalOptions,
): Promise<void> {
  requireRole(options.origin.actor, MATCHMAKERS);
  const now = context.clock.now();
  await context.db.transaction(async (tx) => {
    const { round } = await lockStagedRound(tx, options.roundId);
    const proposal = (await listRoundProposals(tx, round.id, 'staged')).find(
      (candidate) => candidate.id === options.proposalId,
    );
    if (!proposal) throw new AppError('not_found', 'Proposition introuvable dans ce tour.');
    await setProposalsStatus(tx, [proposal.id], 'removed');
    await recordAudit(tx, options.origin, now, {
      action: 'matching.proposal_remove',
      subjectType: 'matching_round',
      subjectId: round.id,
      details: {
        proposalId: proposal.id,
        menteeId: proposal.menteeId,
        mentorId: proposal.mentorId,
      },
    });
  });
}
