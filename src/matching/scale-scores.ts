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

/** The scale `scaleScores` uses and the scores' extremes, read in one pass over the scores. */
export type ScoreScale = {
  readonly scale: number;
  readonly allIntegers: boolean;
  /** round(score × scale) of the largest and smallest scores (0 when there are none). */
  readonly maxWeight: number;
  readonly minWeight: number;
};

/**
 * Chooses the largest safe scale up to 10^6 without building the weights, so that a caller
 * writing costs of its own (the dense path) reads the scores once more instead of twice.
 * Rounding is monotone, so the extreme weights are the rounded extreme scores.
 */
export function chooseScoreScale(
  graph: CandidateGraph,
  matchableBound: number,
  outside?: ScoreRange,
): ScoreScale {
  const scores = graph.arcScore;
  // Every fraction `score - floor(score)` is ≥ 0, > 0 off the integers and NaN for a score
  // that is not finite: their sum tells all three cases apart without a branch per arc.
  let fractions = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let a = 0; a < scores.length; a++) {
    const score = scores[a]!;
    fractions += score - Math.floor(score);
    if (score < min) min = score;
    if (score > max) max = score;
  }
  if (outside && scores.length > 0) {
    for (const score of [outside.min, outside.max]) fractions += score - Math.floor(score);
    if (!outside.allIntegers) fractions += 0.5;
    min = Math.min(min, outside.min);
    max = Math.max(max, outside.max);
  }
  return chooseScaleFromExtremes(graph, { fractions, min, max }, matchableBound);
}

/**
 * Where the scores of pairs left out of a graph lie: choosing the scale and the dummy cost as
 * if such scores were in the graph keeps "more matched first" for a certificate extended to
 * those pairs (see `price-pruned-pairs.ts`).
 */
export type ScoreRange = {
  readonly min: number;
  readonly max: number;
  /** True when those scores are integers too (else the scale is chosen for decimals). */
  readonly allIntegers?: boolean;
};

/**
 * What one pass over the scores gathers: the sum of `score - floor(score)` over the arcs
 * (0 for integers, NaN if a score is not finite) and the extreme scores.
 */
export type ScoreExtremes = { fractions: number; min: number; max: number };

/** `chooseScoreScale` for a caller that gathered the extremes in a pass of its own. */
export function chooseScaleFromExtremes(
  graph: CandidateGraph,
  { fractions, min, max }: ScoreExtremes,
  matchableBound: number,
): ScoreScale {
  const scores = graph.arcScore;
  if (Number.isNaN(fractions)) {
    const a = scores.findIndex((score) => !Number.isFinite(score));
    throw new RangeError(`score of arc ${a} is not finite`);
  }
  const allIntegers = fractions === 0;
  if (scores.length === 0) return { scale: 1, allIntegers, maxWeight: 0, minWeight: 0 };
  const range = Math.max(max - min, Math.abs(max), Math.abs(min), 1);
  const limit = SAFE_PRODUCT / (Math.max(1, matchableBound) + 1) / range;
  let scale = allIntegers ? 1 : DEFAULT_SCALE;
  if (scale > limit) {
    if (allIntegers && limit < 1) {
      throw new RangeError('scores are too large for exact integer arithmetic at this size');
    }
    scale = allIntegers ? 1 : 10 ** Math.floor(Math.log10(limit));
  }
  return {
    scale,
    allIntegers,
    maxWeight: Math.round(max * scale),
    minWeight: Math.round(min * scale),
  };
}

/**
 * The cost of leaving a mentee unassigned, against arc costs `maxWeight - weight`: matching
 * one more mentee must beat any change in total cost among the others (decision 0100).
 */
export function unassignedCost(chosen: ScoreScale, matchableBound: number): number {
  return matchableBound * (chosen.maxWeight - chosen.minWeight) + 1;
}

/**
 * Scales a graph's scores to integers, choosing the largest safe scale up to 10^6 (or taking
 * the one `chooseScoreScale` already chose for this graph and bound).
 */
export function scaleScores(
  graph: CandidateGraph,
  matchableBound: number,
  chosen: ScoreScale = chooseScoreScale(graph, matchableBound),
): ScaledWeights {
  const { scale, allIntegers, maxWeight, minWeight } = chosen;
  const scores = graph.arcScore;
  if (scores.length === 0) return { scale, weight: new Float64Array(0), maxWeight, minWeight };
  // Integer scores at scale 1 are already their weights.
  if (scale === 1 && allIntegers) return { scale, weight: scores.slice(), maxWeight, minWeight };
  const weight = new Float64Array(scores.length);
  for (let a = 0; a < scores.length; a++) weight[a] = Math.round(scores[a]! * scale);
  return { scale, weight, maxWeight, minWeight };
}
