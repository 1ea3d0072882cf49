import {
  findEligibleMentors,
  findExcludedPairs,
  findWaitingMentees,
} from '../../db/repositories/matching-rounds-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { requireRole } from '../../domain/policies.ts';
import type { ExplanationLine } from '../../matching/instance.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import {
  engineWeightsOf,
  suggestFromPool,
  toEngineMentee,
  toEngineMentor,
} from './engine-input.ts';
import { dedicatedRestriction, MATCHMAKERS, resolveRoundScope } from './round-rules.ts';

export type SuggestMentorsForMenteeOptions = {
  menteeId: string;
  /** The programme the tandem would belong to; the general programme when omitted. */
  programId?: string | undefined;
  /** How many suggestions, best first. */
  count: number;
  origin: RequestOrigin;
};

export type MentorSuggestion = {
  mentorId: string;
  firstName: string;
  lastName: string;
  score: number;
  explanation: ExplanationLine[];
};

/**
 * The engine's top mentors for one mentee, with explanations, under the programme's rules
 * (weights, minimum score, dedicated mentors, exclusions and past declines). Read only: to
 * propose one, run a round for the mentee or add the pair to a staged round.
 */
export async function suggestMentorsForMentee(
  context: ServiceContext,
  options: SuggestMentorsForMenteeOptions,
): Promise<MentorSuggestion[]> {
  requireRole(options.origin.actor, MATCHMAKERS);
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    const { program } = await resolveRoundScope(tx, {
      kind: 'mentees',
      menteeIds: [options.menteeId],
      programId: options.programId,
    });
    const [mentee] = await findWaitingMentees(tx, {
      kind: 'mentees',
      menteeIds: [options.menteeId],
      evenInTandem: true,
    });
    if (!mentee) throw new AppError('not_found', 'Mentoré·e introuvable.');
    const mentors = await findEligibleMentors(tx, {
      restrictToProgram: dedicatedRestriction(program, null),
    });
    const suggestions = suggestFromPool(
      toEngineMentee(mentee, program.id, now),
      mentors.map((mentor) =>
        toEngineMentor(mentor, mentor.profile.capacity - mentor.profile.activeTandemCount),
      ),
      await findExcludedPairs(tx, [mentee.user.id]),
      {
        weights: engineWeightsOf(program),
        k: options.count,
        minScore: program.minimumScore ?? undefined,
      },
    );
    const byId = new Map(mentors.map((mentor) => [mentor.user.id, mentor.user]));
    return suggestions.map((suggestion) => ({
      mentorId: suggestion.id,
      firstName: byId.get(suggestion.id)!.firstName,
      lastName: byId.get(suggestion.id)!.lastName,
      score: suggestion.score,
      explanation: suggestion.explanation,
    }));
  });
}
