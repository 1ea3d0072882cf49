import { z } from 'zod';
import type { MatchProposalRow } from '../../db/repositories/matching-rounds-repository.ts';
import { MATCHING_MODES, PROPOSAL_STATUSES, ROUND_STATUSES } from '../../domain/tandems.ts';
import type { ExplanationLine } from '../../matching/instance.ts';
import type { RoundReview } from '../../services/matching/get-matching-round.ts';
import type { MentorSuggestion } from '../../services/matching/suggest-mentors-for-mentee.ts';

const explanationExample = [
  { criterion: 'needs', contribution: 0.2, text: 'Besoins couverts : CV et entretiens (1 sur 1)' },
  {
    criterion: 'occupation',
    contribution: 0.09,
    text: 'Même domaine professionnel : commerce, vente',
  },
  { criterion: 'geography', contribution: 0.1, text: 'Tous deux ouverts au distanciel' },
];

export const explanationSchema = z
  .array(z.object({ criterion: z.string(), contribution: z.number(), text: z.string() }))
  .meta({
    id: 'MatchExplanation',
    description:
      'The engine’s criteria, each with its contribution (weight × similarity) and one French sentence; contributions add up to the score.',
    example: explanationExample,
  });

const personSchema = z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() });

const proposalExample = {
  id: '7a1c3e5f-2b4d-4c6e-8f0a-1b2c3d4e5f60',
  mentee: { id: '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9', firstName: 'Inès', lastName: 'Haddad' },
  mentor: { id: '3c9a1e55-0d2b-4f7a-b6e8-1f2d3c4b5a66', firstName: 'Nadia', lastName: 'Benali' },
  score: 0.39,
  explanation: explanationExample,
  status: 'staged' as const,
  addedByCoordinator: false,
};

export const proposalSchema = z
  .object({
    id: z.uuid(),
    mentee: personSchema,
    mentor: personSchema,
    score: z.number(),
    explanation: explanationSchema,
    status: z.enum(PROPOSAL_STATUSES),
    addedByCoordinator: z.boolean(),
  })
  .meta({ id: 'MatchProposal', example: proposalExample });

export const roundSchema = z
  .object({
    id: z.uuid(),
    programId: z.uuid(),
    cohortId: z.uuid().nullable(),
    mode: z.enum(MATCHING_MODES),
    status: z.enum(ROUND_STATUSES),
    parameters: z.record(z.string(), z.unknown()),
    summary: z.record(z.string(), z.unknown()).nullable(),
    createdAt: z.iso.datetime(),
    publishedAt: z.iso.datetime().nullable(),
    proposals: z.array(proposalSchema),
  })
  .meta({
    id: 'MatchingRound',
    example: {
      id: '0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a',
      programId: '5d0f4a8e-1c2b-4e6f-9a7d-3b8c2e1f0a44',
      cohortId: null,
      mode: 'optimal',
      status: 'staged',
      parameters: { scope: { kind: 'program', programId: '5d0f4a8e-1c2b-4e6f-9a7d-3b8c2e1f0a44' } },
      summary: { menteeCount: 12, mentorCount: 9, matchedCount: 9, unmatched: [], totalScore: 4.7 },
      createdAt: '2026-11-25T09:00:00.000Z',
      publishedAt: null,
      proposals: [proposalExample],
    },
  });

type Named = { mentee: z.infer<typeof personSchema>; mentor: z.infer<typeof personSchema> };

/** One proposal of a round, with who and why. */
export function presentProposal(
  proposal: MatchProposalRow & Named,
): z.infer<typeof proposalSchema> {
  return {
    id: proposal.id,
    mentee: proposal.mentee,
    mentor: proposal.mentor,
    score: proposal.score,
    explanation: proposal.explanation as ExplanationLine[],
    status: proposal.status,
    addedByCoordinator: proposal.addedByCoordinator,
  };
}

/** A round for review, its proposals best first. */
export function presentRound(review: RoundReview): z.infer<typeof roundSchema> {
  const { round } = review;
  return {
    id: round.id,
    programId: round.programId,
    cohortId: round.cohortId,
    mode: round.mode,
    status: round.status,
    parameters: round.parameters as Record<string, unknown>,
    summary: round.summary as Record<string, unknown> | null,
    createdAt: round.createdAt.toISOString(),
    publishedAt: round.publishedAt?.toISOString() ?? null,
    proposals: review.proposals.map(presentProposal),
  };
}

export const suggestionSchema = z
  .object({
    mentorId: z.uuid(),
    firstName: z.string(),
    lastName: z.string(),
    score: z.number(),
    explanation: explanationSchema,
  })
  .meta({
    id: 'MentorSuggestion',
    example: {
      mentorId: '3c9a1e55-0d2b-4f7a-b6e8-1f2d3c4b5a66',
      firstName: 'Nadia',
      lastName: 'Benali',
      score: 0.39,
      explanation: explanationExample,
    },
  });

/** One suggested mentor. */
export function presentSuggestion(suggestion: MentorSuggestion): z.infer<typeof suggestionSchema> {
  return { ...suggestion };
}
