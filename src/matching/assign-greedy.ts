import type { GraphAssignment } from './assignment.ts';
import { summariseAssignment } from './assignment.ts';
import type { CandidateGraph } from './candidate-graph.ts';
import { countArcs } from './candidate-graph.ts';
import type { ScaledWeights } from './scale-scores.ts';
import { scaleScores } from './scale-scores.ts';

/**
 * The baseline: take pairs by decreasing score and keep each one whose mentee is still free
 * and whose mentor still has room. Scores are compared at the solver's integer scale; ties
 * go to the pair listed first (mentee order, then the mentee's candidate order).
 */
export function assignGreedy(graph: CandidateGraph): GraphAssignment {
  const scaled = scaleScores(graph, graph.menteeCount);
  const walk = new GreedyWalk(graph);
  const bits = Math.ceil(Math.log2(scaled.maxWeight - scaled.minWeight + 1));
  if (bits <= MAX_BUCKETED_BITS) {
    walkInBuckets(graph, scaled, bits, walk);
  } else {
    const order = sortArcsByScore(graph, scaled);
    const arcMentee = listArcMentees(graph);
    for (let k = 0; k < order.length; k++) {
      if (!walk.offer(arcMentee[order[k]!]!, graph.arcMentor[order[k]!]!)) break;
    }
  }
  return summariseAssignment(graph, findChosenArcs(graph, scaled, walk.chosenMentor));
}

/** The greedy decisions, pair by pair in the greedy order. */
class GreedyWalk {
  readonly chosenMentor: Int32Array;
  private readonly load: Int32Array;
  private readonly capacity: Int32Array;
  private free: number;
  private room = 0;

  constructor(graph: CandidateGraph) {
    this.chosenMentor = new Int32Array(graph.menteeCount).fill(-1);
    this.load = new Int32Array(graph.mentorCount);
    this.capacity = graph.mentorCapacity;
    this.free = graph.menteeCount;
    for (let j = 0; j < graph.mentorCount; j++) this.room += Math.max(0, this.capacity[j]!);
  }

  /** Takes the pair if both sides are available; false once nothing more can be taken. */
  offer(mentee: number, mentor: number): boolean {
    if (this.chosenMentor[mentee]! < 0 && this.load[mentor]! < this.capacity[mentor]!) {
      this.chosenMentor[mentee] = mentor;
      this.load[mentor]!++;
      this.free--;
      this.room--;
    }
    return this.free > 0 && this.room > 0;
  }
}

/** Beyond this many bits of weight range the buckets would outnumber the arcs. */
const MAX_BUCKETED_BITS = 27;
/** Low digits of 11 bits at most: 2,048 counters fit the fastest cache. */
const MAX_LOW_BITS = 11;
/** Buckets smaller than this are ordered by insertion rather than by counting. */
const COUNTING_THRESHOLD = 48;

/**
 * Walks the pairs in greedy order without sorting them all up front. Keys are
 * `maxWeight − weight`, integers; one stable counting pass scatters (low digit, mentee,
 * mentor) into buckets by the high digit (for scores scaled to 10^6, 512 buckets of some
 * 10,000 pairs), then each bucket is ordered by its low digit while it sits in cache and
 * walked at once. Both passes are stable, so ties keep arc order, and the walk stops as soon
 * as no mentee is free or no place is left.
 */
function walkInBuckets(
  graph: CandidateGraph,
  scaled: ScaledWeights,
  bits: number,
  walk: GreedyWalk,
): void {
  const arcCount = countArcs(graph);
  const { weight, maxWeight } = scaled;
  const lowBits = Math.min(bits, MAX_LOW_BITS);
  const lowMask = (1 << lowBits) - 1;
  const bucketCount = 1 << (bits - lowBits);
  const bucketStart = new Int32Array(bucketCount + 1);
  for (let a = 0; a < arcCount; a++) bucketStart[((maxWeight - weight[a]!) >>> lowBits) + 1]!++;
  let largest = 0;
  for (let b = 0; b < bucketCount; b++) {
    largest = Math.max(largest, bucketStart[b + 1]!);
    bucketStart[b + 1]! += bucketStart[b]!;
  }
  const low = new Uint16Array(arcCount);
  const mentee = new Int32Array(arcCount);
  const mentor = new Int32Array(arcCount);
  const cursor = bucketStart.slice(0, bucketCount);
  for (let i = 0; i < graph.menteeCount; i++) {
    for (let a = graph.arcStart[i]!; a < graph.arcStart[i + 1]!; a++) {
      const key = maxWeight - weight[a]!;
      const at = cursor[key >>> lowBits]!++;
      low[at] = key & lowMask;
      mentee[at] = i;
      mentor[at] = graph.arcMentor[a]!;
    }
  }
  const digitStart = new Int32Array(lowMask + 2);
  const local = new Int32Array(largest);
  for (let b = 0; b < bucketCount; b++) {
    const start = bucketStart[b]!;
    const size = bucketStart[b + 1]! - start;
    if (size >= COUNTING_THRESHOLD) {
      digitStart.fill(0);
      for (let k = start; k < start + size; k++) digitStart[low[k]! + 1]!++;
      for (let d = 0; d <= lowMask; d++) digitStart[d + 1]! += digitStart[d]!;
      for (let k = start; k < start + size; k++) local[digitStart[low[k]!]!++] = k;
    } else {
      // Stable insertion: equal digits keep their (arc) order.
      for (let x = 0; x < size; x++) {
        const k = start + x;
        let y = x;
        while (y > 0 && low[local[y - 1]!]! > low[k]!) {
          local[y] = local[y - 1]!;
          y--;
        }
        local[y] = k;
      }
    }
    for (let x = 0; x < size; x++) {
      const k = local[x]!;
      if (!walk.offer(mentee[k]!, mentor[k]!)) return;
    }
  }
}

/**
 * The arc behind each chosen (mentee, mentor) pair. When a pair appears twice, the one taken
 * is the first in the greedy order (the mentor's load only grows, so a later copy is never
 * taken instead): the highest scaled weight, then the smallest arc index.
 */
function findChosenArcs(
  graph: CandidateGraph,
  scaled: ScaledWeights,
  chosenMentor: Int32Array,
): Int32Array {
  const menteeArc = new Int32Array(graph.menteeCount).fill(-1);
  for (let i = 0; i < graph.menteeCount; i++) {
    const mentor = chosenMentor[i]!;
    if (mentor < 0) continue;
    let best = -1;
    for (let a = graph.arcStart[i]!; a < graph.arcStart[i + 1]!; a++) {
      if (graph.arcMentor[a] !== mentor) continue;
      if (best < 0 || scaled.weight[a]! > scaled.weight[best]!) best = a;
    }
    menteeArc[i] = best;
  }
  return menteeArc;
}

/** Mentee of every arc (the inverse of `arcStart`). */
export function listArcMentees(graph: CandidateGraph): Int32Array {
  const arcMentee = new Int32Array(countArcs(graph));
  for (let i = 0; i < graph.menteeCount; i++)
    arcMentee.fill(i, graph.arcStart[i], graph.arcStart[i + 1]);
  return arcMentee;
}

/**
 * Arc indices by decreasing score, ties by arc index. A counting sort on the integer weights
 * runs in linear time when their range is moderate; otherwise packed keys are sorted natively.
 */
export function sortArcsByScore(
  graph: CandidateGraph,
  scaled: ScaledWeights = scaleScores(graph, graph.menteeCount),
): Int32Array {
  const arcCount = countArcs(graph);
  const range = scaled.maxWeight - scaled.minWeight;
  const order = new Int32Array(arcCount);
  if (range <= Math.max(16 * arcCount, 1 << 20)) {
    const bucketStart = new Int32Array(range + 2);
    for (let a = 0; a < arcCount; a++) bucketStart[scaled.maxWeight - scaled.weight[a]! + 1]!++;
    for (let b = 0; b <= range; b++) bucketStart[b + 1]! += bucketStart[b]!;
    for (let a = 0; a < arcCount; a++)
      order[bucketStart[scaled.maxWeight - scaled.weight[a]!]!++] = a;
    return order;
  }
  if ((range + 1) * arcCount < Number.MAX_SAFE_INTEGER) {
    const keys = new Float64Array(arcCount);
    for (let a = 0; a < arcCount; a++)
      keys[a] = (scaled.maxWeight - scaled.weight[a]!) * arcCount + a;
    keys.sort();
    for (let k = 0; k < arcCount; k++) order[k] = keys[k]! % arcCount;
    return order;
  }
  for (let a = 0; a < arcCount; a++) order[a] = a;
  const weight = scaled.weight;
  return order.sort((x, y) => weight[y]! - weight[x]! || x - y);
}
