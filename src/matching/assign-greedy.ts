import type { GraphAssignment } from './assignment.ts';
import { summariseAssignment } from './assignment.ts';
import type { CandidateGraph } from './candidate-graph.ts';
import { countArcs } from './candidate-graph.ts';
import { scaleScores } from './scale-scores.ts';

/**
 * The baseline: take pairs by decreasing score and keep each one whose mentee is still free
 * and whose mentor still has room. Scores are compared at the solver's integer scale; ties
 * go to the pair listed first (mentee order, then the mentee's candidate order).
 */
export function assignGreedy(graph: CandidateGraph): GraphAssignment {
  const order = sortArcsByScore(graph);
  const menteeArc = new Int32Array(graph.menteeCount).fill(-1);
  const load = new Int32Array(graph.mentorCount);
  const arcMentee = new Int32Array(countArcs(graph));
  for (let i = 0; i < graph.menteeCount; i++)
    arcMentee.fill(i, graph.arcStart[i], graph.arcStart[i + 1]);
  for (let k = 0; k < order.length; k++) {
    const arc = order[k]!;
    const mentee = arcMentee[arc]!;
    const mentor = graph.arcMentor[arc]!;
    if (menteeArc[mentee]! >= 0 || load[mentor]! >= graph.mentorCapacity[mentor]!) continue;
    menteeArc[mentee] = arc;
    load[mentor]!++;
  }
  return summariseAssignment(graph, menteeArc);
}

/**
 * Arc indices by decreasing score, ties by arc index. A counting sort on the integer weights
 * runs in linear time when their range is moderate; otherwise packed keys are sorted natively.
 */
export function sortArcsByScore(graph: CandidateGraph): Int32Array {
  const arcCount = countArcs(graph);
  const scaled = scaleScores(graph, graph.menteeCount);
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
