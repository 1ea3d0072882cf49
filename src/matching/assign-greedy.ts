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
  const { mentee: sortedMentee, mentor: sortedMentor } = sortPairsByScore(graph, scaled);
  const { menteeCount, mentorCapacity } = graph;
  const chosenMentor = new Int32Array(menteeCount).fill(-1);
  const load = new Int32Array(graph.mentorCount);
  let room = 0;
  for (let j = 0; j < graph.mentorCount; j++) room += Math.max(0, mentorCapacity[j]!);
  let free = menteeCount;
  // The sorted pairs carry mentee and mentor themselves, so this scan reads memory in order;
  // it stops as soon as no mentee is free or no place is left.
  for (let k = 0; k < sortedMentee.length && free > 0 && room > 0; k++) {
    const mentee = sortedMentee[k]!;
    if (chosenMentor[mentee]! >= 0) continue;
    const mentor = sortedMentor[k]!;
    if (load[mentor]! >= mentorCapacity[mentor]!) continue;
    chosenMentor[mentee] = mentor;
    load[mentor]!++;
    free--;
    room--;
  }
  return summariseAssignment(graph, findChosenArcs(graph, scaled, chosenMentor));
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

/** Mentee and mentor of every arc, listed by decreasing scaled weight, ties by arc index. */
type SortedPairs = { mentee: Int32Array; mentor: Int32Array };

/** Radix digits of 11 bits at most: 2,048 counters fit the fastest cache. */
const MAX_DIGIT_BITS = 11;

/**
 * Sorts the arcs for the greedy scan. Weights are integers, so an LSD radix sort on
 * `maxWeight − weight` (two passes for scores scaled to 10^6) is stable and linear and
 * keeps arc order among ties; the pairs travel with their keys so nothing is looked up at
 * random afterwards. Ranges beyond 32 bits fall back to `sortArcsByScore`.
 */
function sortPairsByScore(graph: CandidateGraph, scaled: ScaledWeights): SortedPairs {
  const arcCount = countArcs(graph);
  const range = scaled.maxWeight - scaled.minWeight;
  const mentee = new Int32Array(arcCount);
  const mentor = new Int32Array(arcCount);
  if (range >= 2 ** 32) {
    const order = sortArcsByScore(graph, scaled);
    const arcMentee = listArcMentees(graph);
    for (let k = 0; k < arcCount; k++) {
      mentee[k] = arcMentee[order[k]!]!;
      mentor[k] = graph.arcMentor[order[k]!]!;
    }
    return { mentee, mentor };
  }
  let key: Uint32Array = new Uint32Array(arcCount);
  for (let i = 0; i < graph.menteeCount; i++) {
    for (let a = graph.arcStart[i]!; a < graph.arcStart[i + 1]!; a++) {
      key[a] = scaled.maxWeight - scaled.weight[a]!;
      mentee[a] = i;
      mentor[a] = graph.arcMentor[a]!;
    }
  }
  const bits = Math.ceil(Math.log2(range + 1));
  const passes = Math.ceil(bits / MAX_DIGIT_BITS);
  const digitBits = passes === 0 ? 0 : Math.ceil(bits / passes);
  let sorted: SortedPairs = { mentee, mentor };
  let spare: SortedPairs | undefined;
  let spareKey: Uint32Array | undefined;
  for (let pass = 0; pass < passes; pass++) {
    spare ??= { mentee: new Int32Array(arcCount), mentor: new Int32Array(arcCount) };
    // The last pass needs no keys written out.
    const toKey = pass < passes - 1 ? (spareKey ??= new Uint32Array(arcCount)) : undefined;
    radixPass(key, sorted, toKey, spare, pass * digitBits, digitBits);
    [sorted, spare] = [spare, sorted];
    if (toKey) [key, spareKey] = [toKey, key];
  }
  return sorted;
}

/** One stable counting pass on the digit of `key` at `shift`, moving keys and pairs. */
function radixPass(
  key: Uint32Array,
  from: SortedPairs,
  toKey: Uint32Array | undefined,
  to: SortedPairs,
  shift: number,
  digitBits: number,
): void {
  const mask = (1 << digitBits) - 1;
  const count = key.length;
  const next = new Int32Array(mask + 2);
  for (let k = 0; k < count; k++) next[((key[k]! >>> shift) & mask) + 1]!++;
  for (let d = 0; d <= mask; d++) next[d + 1]! += next[d]!;
  for (let k = 0; k < count; k++) {
    const at = next[(key[k]! >>> shift) & mask]!++;
    if (toKey) toKey[at] = key[k]!;
    to.mentee[at] = from.mentee[k]!;
    to.mentor[at] = from.mentor[k]!;
  }
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
