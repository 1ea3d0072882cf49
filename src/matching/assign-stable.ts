import type { GraphAssignment } from './assignment.ts';
import { summariseAssignment } from './assignment.ts';
import type { CandidateGraph } from './candidate-graph.ts';
import { countArcs } from './candidate-graph.ts';
import { sortArcsByScore } from './assign-greedy.ts';
import type { ScaledWeights } from './scale-scores.ts';
import { scaleScores } from './scale-scores.ts';

/**
 * Ranked preference lists over the graph's arcs. `menteeRanking[i]` lists arcs of mentee `i`
 * best first (arcs left out are unacceptable to the mentee); `mentorRank[arc]` orders the
 * mentees of one mentor: lower is better, `Infinity` when unacceptable. Only ranks of the
 * same mentor are ever compared, so they need not be consecutive.
 */
export type StablePreferences = {
  readonly menteeRanking: readonly Int32Array[];
  readonly mentorRank: Float64Array;
};

/**
 * Preferences derived from scores: each side ranks by decreasing score (at the solver's
 * integer scale); ties go to the candidate listed first for a mentee and to the mentee with
 * the smaller index for a mentor, which makes both orders total and fixed.
 *
 * Both orders are one global order of arcs (weight, then arc index, since arcs are stored
 * by mentee), so a single key per arc serves both sides: the mentor compares keys directly
 * and each mentee's row is sorted by the same keys, locally, without a global sort.
 */
export function derivePreferencesFromScores(graph: CandidateGraph): StablePreferences {
  const arcCount = countArcs(graph);
  const scaled = scaleScores(graph, graph.menteeCount);
  const range = scaled.maxWeight - scaled.minWeight;
  const mentorRank = new Float64Array(arcCount);
  let order: Int32Array | undefined;
  if ((range + 1) * arcCount < Number.MAX_SAFE_INTEGER) {
    for (let a = 0; a < arcCount; a++)
      mentorRank[a] = (scaled.maxWeight - scaled.weight[a]!) * arcCount + a;
  } else {
    // Packed keys would lose exactness: use positions in the global order instead.
    order = sortArcsByScore(graph, scaled);
    for (let k = 0; k < arcCount; k++) mentorRank[order[k]!] = k;
  }
  const rankedArcs = order
    ? rankRowsByKey(graph, mentorRank, order)
    : rankRowsByWeight(graph, scaled, range);
  const menteeRanking: Int32Array[] = [];
  for (let i = 0; i < graph.menteeCount; i++) {
    menteeRanking.push(rankedArcs.subarray(graph.arcStart[i], graph.arcStart[i + 1]));
  }
  return { menteeRanking, mentorRank };
}

/**
 * Each mentee's arcs by decreasing weight, ties by arc index. When the weight range and the
 * longest row fit, `(maxWeight − weight) · 2^b + offset in the row` is a 32-bit key sorted
 * natively per row and decoded with a mask; otherwise the exact global keys are used.
 */
function rankRowsByWeight(graph: CandidateGraph, scaled: ScaledWeights, range: number): Int32Array {
  const arcCount = countArcs(graph);
  let longest = 0;
  for (let i = 0; i < graph.menteeCount; i++)
    longest = Math.max(longest, graph.arcStart[i + 1]! - graph.arcStart[i]!);
  const offsetBits = Math.max(1, Math.ceil(Math.log2(longest + 1)));
  if ((range + 1) * 2 ** offsetBits > 2 ** 32) {
    const keys = new Float64Array(arcCount);
    for (let a = 0; a < arcCount; a++)
      keys[a] = (scaled.maxWeight - scaled.weight[a]!) * arcCount + a;
    return rankRowsByKey(graph, keys, undefined);
  }
  const mask = 2 ** offsetBits - 1;
  const keys = new Uint32Array(arcCount);
  const rankedArcs = new Int32Array(arcCount);
  for (let i = 0; i < graph.menteeCount; i++) {
    const start = graph.arcStart[i]!;
    const end = graph.arcStart[i + 1]!;
    for (let a = start; a < end; a++)
      keys[a] = (scaled.maxWeight - scaled.weight[a]!) * (mask + 1) + (a - start);
    keys.subarray(start, end).sort();
    for (let k = start; k < end; k++) rankedArcs[k] = start + (keys[k]! & mask);
  }
  return rankedArcs;
}

/**
 * Each mentee's arcs by increasing key, where a key is an arc's position in `order` when
 * given, otherwise the exact packed `(maxWeight − weight) · arcCount + arc`.
 */
function rankRowsByKey(
  graph: CandidateGraph,
  keys: Float64Array,
  order: Int32Array | undefined,
): Int32Array {
  const arcCount = keys.length;
  const sortedKeys = keys.slice();
  const rankedArcs = new Int32Array(arcCount);
  for (let i = 0; i < graph.menteeCount; i++) {
    const start = graph.arcStart[i]!;
    const end = graph.arcStart[i + 1]!;
    sortedKeys.subarray(start, end).sort();
    for (let k = start; k < end; k++) {
      const key = sortedKeys[k]!;
      rankedArcs[k] = order ? order[key]! : key % arcCount;
    }
  }
  return rankedArcs;
}

/**
 * Mentee-proposing deferred acceptance with mentor capacities (Gale–Shapley, hospitals /
 * residents form). The result has no blocking pair and is the best stable matching for
 * every mentee. Mentees propose in increasing index order, a rejected mentee proposing again
 * at once; the order does not change the result (deferred acceptance is order-independent)
 * but keeps the run reproducible.
 *
 * Each mentor's current holders form a max-heap on the mentor's rank in a slice of one typed
 * array, so the worst holder is read in constant time and replaced in O(log capacity), and
 * nothing is allocated per proposal.
 */
export function assignStable(
  graph: CandidateGraph,
  preferences: StablePreferences = derivePreferencesFromScores(graph),
): GraphAssignment {
  const { menteeRanking, mentorRank } = preferences;
  const { mentorCapacity, arcMentor } = graph;
  const slotStart = new Int32Array(graph.mentorCount + 1);
  for (let j = 0; j < graph.mentorCount; j++) {
    slotStart[j + 1] = slotStart[j]! + Math.max(0, mentorCapacity[j]!);
  }
  const holders: Holders = {
    rank: new Float64Array(slotStart[graph.mentorCount]!),
    mentee: new Int32Array(slotStart[graph.mentorCount]!),
  };
  const heldCount = new Int32Array(graph.mentorCount);
  const nextChoice = new Int32Array(graph.menteeCount);
  const menteeArc = new Int32Array(graph.menteeCount).fill(-1);

  for (let first = 0; first < graph.menteeCount; first++) {
    let mentee = first;
    while (mentee >= 0) {
      const ranking = menteeRanking[mentee]!;
      let next = nextChoice[mentee]!;
      let displaced = -1;
      while (next < ranking.length) {
        const arc = ranking[next++]!;
        const rank = mentorRank[arc]!;
        if (rank === Infinity) continue;
        const mentor = arcMentor[arc]!;
        const start = slotStart[mentor]!;
        const size = slotStart[mentor + 1]! - start;
        const held = heldCount[mentor]!;
        if (held < size) {
          siftUp(holders, start, held, rank, mentee);
          heldCount[mentor] = held + 1;
          menteeArc[mentee] = arc;
          break;
        }
        if (size === 0 || holders.rank[start]! <= rank) continue;
        displaced = holders.mentee[start]!;
        menteeArc[displaced] = -1;
        siftDown(holders, start, size, rank, mentee);
        menteeArc[mentee] = arc;
        break;
      }
      nextChoice[mentee] = next;
      mentee = displaced;
    }
  }
  return summariseAssignment(graph, menteeArc);
}

/** Every mentor's current holders: mentor `j` owns slots `slotStart[j]` to `slotStart[j + 1] − 1`. */
type Holders = { readonly rank: Float64Array; readonly mentee: Int32Array };

/** Adds a holder at the end of a max-heap of `count` holders and restores the heap. */
function siftUp(holders: Holders, start: number, count: number, rank: number, mentee: number) {
  let at = count;
  while (at > 0) {
    const parent = (at - 1) >> 1;
    if (holders.rank[start + parent]! >= rank) break;
    holders.rank[start + at] = holders.rank[start + parent]!;
    holders.mentee[start + at] = holders.mentee[start + parent]!;
    at = parent;
  }
  holders.rank[start + at] = rank;
  holders.mentee[start + at] = mentee;
}

/** Replaces the worst holder (the root) of a full max-heap and restores the heap. */
function siftDown(holders: Holders, start: number, count: number, rank: number, mentee: number) {
  let at = 0;
  for (;;) {
    let child = 2 * at + 1;
    if (child >= count) break;
    if (child + 1 < count && holders.rank[start + child + 1]! > holders.rank[start + child]!) {
      child++;
    }
    if (holders.rank[start + child]! <= rank) break;
    holders.rank[start + at] = holders.rank[start + child]!;
    holders.mentee[start + at] = holders.mentee[start + child]!;
    at = child;
  }
  holders.rank[start + at] = rank;
  holders.mentee[start + at] = mentee;
}
