import { z } from 'zod';

/**
 * The matching criteria a programme can weigh, by their API names. `trackFit` is how well a
 * mentor's professional kind suits the mentee's track (the engine's `track` criterion); the
 * others keep the engine's names.
 */
export const MATCHING_CRITERIA = [
  'trackFit',
  'occupation',
  'sector',
  'needs',
  'geography',
  'availability',
  'languages',
  'text',
] as const;
export type MatchingCriterion = (typeof MATCHING_CRITERIA)[number];

/** A complete set of weights, one per criterion. */
export type MatchingWeights = Readonly<Record<MatchingCriterion, number>>;

/**
 * The engine's default weights (they sum to 1). A programme whose `matchingWeights` is null
 * uses these; a programme that sets only some criteria gets these for the others. The matching engine's
 * `DEFAULT_WEIGHTS` are these, under the engine's criterion names.
 */
export const DEFAULT_MATCHING_WEIGHTS: MatchingWeights = {
  trackFit: 0.15,
  occupation: 0.15,
  sector: 0.1,
  needs: 0.2,
  geography: 0.1,
  availability: 0.1,
  languages: 0.05,
  text: 0.15,
};

/** Weights are relative (the engine normalises them to sum to 1); the cap only stops nonsense. */
export const MAX_MATCHING_WEIGHT = 100;

const weight = z.number().min(0).max(MAX_MATCHING_WEIGHT);

/**
 * A programme's matching weights: named non-negative numbers, relative to each other (the
 * engine divides each by their sum, so `{ needs: 2, text: 1, … }` and `{ needs: 0.2, text:
 * 0.1, … }` mean the same). A criterion left out takes its default weight; a zero weight turns
 * the criterion off; at least one weight must be positive. Unknown criteria are refused, so a
 * typo cannot silently fall back to a default. Parsing yields the complete set.
 */
export const matchingWeightsSchema = z
  .strictObject({
    trackFit: weight.default(DEFAULT_MATCHING_WEIGHTS.trackFit),
    occupation: weight.default(DEFAULT_MATCHING_WEIGHTS.occupation),
    sector: weight.default(DEFAULT_MATCHING_WEIGHTS.sector),
    needs: weight.default(DEFAULT_MATCHING_WEIGHTS.needs),
    geography: weight.default(DEFAULT_MATCHING_WEIGHTS.geography),
    availability: weight.default(DEFAULT_MATCHING_WEIGHTS.availability),
    languages: weight.default(DEFAULT_MATCHING_WEIGHTS.languages),
    text: weight.default(DEFAULT_MATCHING_WEIGHTS.text),
  })
  .refine((weights) => MATCHING_CRITERIA.some((criterion) => weights[criterion] > 0), {
    message: 'at least one weight must be positive',
  });

/**
 * Reads weights stored on a programme. Null, or anything that no longer parses (written by an
 * older version), means the engine's defaults — so matching never fails on a stored value.
 */
export function readMatchingWeights(stored: unknown): MatchingWeights | null {
  if (stored === null || stored === undefined) return null;
  const parsed = matchingWeightsSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

/** The weights in the matching engine's vocabulary (`ScoringWeights` of `src/matching`). */
export function toEngineWeights(weights: MatchingWeights) {
  return {
    track: weights.trackFit,
    occupation: weights.occupation,
    sector: weights.sector,
    needs: weights.needs,
    geography: weights.geography,
    availability: weights.availability,
    languages: weights.languages,
    text: weights.text,
  };
}
