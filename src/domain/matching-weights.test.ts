import { describe, expect, it } from 'vitest';
import { CRITERIA, DEFAULT_WEIGHTS } from '../matching/score-pair.ts';
import {
  DEFAULT_MATCHING_WEIGHTS,
  MATCHING_CRITERIA,
  matchingWeightsSchema,
  readMatchingWeights,
  toEngineWeights,
} from './matching-weights.ts';

describe('matching weights', () => {
  it('mirror the engine: same criteria, same defaults', () => {
    expect(toEngineWeights(DEFAULT_MATCHING_WEIGHTS)).toEqual(DEFAULT_WEIGHTS);
    expect(Object.keys(toEngineWeights(DEFAULT_MATCHING_WEIGHTS)).sort()).toEqual(
      [...CRITERIA].sort(),
    );
    expect(MATCHING_CRITERIA).toHaveLength(CRITERIA.length);
  });

  it('fill the criteria left out with their defaults', () => {
    const parsed = matchingWeightsSchema.parse({ needs: 3, text: 0 });
    expect(parsed).toEqual({ ...DEFAULT_MATCHING_WEIGHTS, needs: 3, text: 0 });
    expect(matchingWeightsSchema.parse({})).toEqual(DEFAULT_MATCHING_WEIGHTS);
  });

  it('refuse negative, oversized, non-numeric and unknown weights, and all zeros', () => {
    const zeros = Object.fromEntries(MATCHING_CRITERIA.map((criterion) => [criterion, 0]));
    for (const bad of [
      { needs: -0.1 },
      { needs: 101 },
      { needs: '0.2' },
      { needs: Number.NaN },
      { needs: Number.POSITIVE_INFINITY },
      { track: 0.2 },
      zeros,
      [],
      'heavy',
    ]) {
      expect(matchingWeightsSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(matchingWeightsSchema.safeParse({ ...zeros, geography: 1 }).success).toBe(true);
  });

  it('read stored values, falling back to the engine defaults (null) when unreadable', () => {
    expect(readMatchingWeights(null)).toBeNull();
    expect(readMatchingWeights({ needs: -1 })).toBeNull();
    expect(readMatchingWeights({ text: 1 })).toEqual({ ...DEFAULT_MATCHING_WEIGHTS, text: 1 });
  });
});
