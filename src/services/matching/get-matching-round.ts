import {
  findMatchingRound,
  listRoundProposals,
  type MatchingRoundRow,
  type MatchProposalRow,
} from '../../db/repositories/matching-rounds-repository.ts';
import { findUsersByIds } from '../../db/repositories/tandems-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { requireRole } from '../../domain/policies.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { MATCHMAKERS } from './round-rules.ts';

export type GetMatchingRoundOptions = { roundId: string; origin: RequestOrigin };

/** A person as a coordinator reviewing a round sees them: enough to recognise who it is. */
export type PersonName = { id: string; firstName: string; lastName: string };

export type RoundReview = {
  round: MatchingRoundRow;
  proposals: (MatchProposalRow & { mentee: PersonName; mentor: PersonName })[];
};

/** A round with all its proposals (staged, removed, published), for review (staff only). */
export async function getMatchingRound(
  context: ServiceContext,
  options: GetMatchingRoundOptions,
): Promise<RoundReview> {
  requireRole(options.origin.actor, MATCHMAKERS);
  const round = await findMatchingRound(context.db, options.roundId);
  if (!round) throw new AppError('not_found', 'Tour d’appariement introuvable.');
  const proposals = await listRoundProposals(context.db, round.id);
  const people = new Map(
    (
      await findUsersByIds(context.db, [
        ...new Set(proposals.flatMap((p) => [p.menteeId, p.mentorId])),
      ])
    ).map((user) => [user.id, { id: user.id, firstName: user.firstName, lastName: user.lastName }]),
  );
  const unknown = (id: string) => ({ id, firstName: '', lastName: '' });
  return {
    round,
    proposals: proposals.map((proposal) => ({
      ...proposal,
      mentee: people.get(proposal.menteeId) ?? unknown(proposal.menteeId),
      mentor: people.get(proposal.mentorId) ?? unknown(proposal.mentorId),
    })),
  };
}
