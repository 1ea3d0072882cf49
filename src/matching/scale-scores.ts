import type { CandidateGraph } from './candidate-graph.ts';

/**
 * Scores are turned into integers before solving so that every sum the solver forms is
 * exact. Integer scores are kept as they are; other scores are multiplied by `scale`
 * (10^6 unless the instance is so large that potentials could leave the exact range of
 * doubles) and rounded.
 */
export type ScaledWeights = {
  readonly scale: number;
  /** Integer weight of each arc: round(score × scale). */
  readonly weight: Float64Array;
  readonly maxWeight: number;
  readonly minWeight: number;
};

const DEFAULT_SCALE = 1_000_000;
/** Potentials stay below a few times the dummy cost; keep that far under 2^53. */
const SAFE_PRODUCT = 2 ** 48;

/** Scales a graph's scores to integers, choosing the largest safe scale up to 10^6. */
export function scaleScores(graph: CandidateGraph, matchableBound: number): ScaledWeights {
  const scores = graph.arcScore;
  let allIntegers = true;
  let min = Infinity;
  let max = -Infinity;
  for (let a = 0; a < scores.length; a++) {
    const score = scores[a]!;
    if (!Number.isFinite(score)) throw new RangeError(`score of arc ${a} is not finite`);
    if (!Number.isInteger(score)) allIntegers = false;
    if (score < min) min = score;
    if (score > max) max = score;
  }
  if (scores.length === 0)
    return { scale: 1, weight: new Float64Array(0), maxWeight: 0, minWeight: 0 };
  const range = Math.max(max - min, Math.abs(max), Math.abs(min), 1);
  const limit = SAFE_PRODUCT / (Math.max(1, matchableBound) + 1) / range;
  let scale = allIntegers ? 1 : DEFAULT_SCALE;
  if (scale > limit) {
    if (allIntegers && limit < 1) {
      throw new RangeError('scores are too large for exact integer arithmetic at this size');
    }
    scale = allIntegers ? 1 : 10 ** Math.floor(Math.log10(limit));
  }
  // Integer scores at scale 1 are already their weights.
  if (scale === 1 && allIntegers)
    return { scale, weight: scores.slice(), maxWeight: max, minWeight: min };
  const weight = new Float64Array(scores.length);
  let maxWeight = -Infinity;
  let minWeight = Infinity;
  for (let a = 0; a < scores.length; a++) {
    const value = Math.round(scores[a]! * scale);
    weight[a] = value;
    if (value > maxWeight) maxWeight = value;
    if (value < minWeight) minWeight = value;
  }
  return { scale, weight, maxWeight, minWeight };
}
