import type { GraphAssignment } from './assignment.ts';
import { summariseAssignment } from './assignment.ts';
import type { CandidateGraph } from './candidate-graph.ts';
import { sortArcsByScore } from './assign-greedy.ts';

/**
 * Ranked preference lists over the graph's arcs. `menteeRanking[i]` lists arcs of mentee `i`
 * best first (arcs left out are unacceptable to the mentee); `mentorRank[arc]` is the
 * mentor's rank of that arc's mentee (lower is better, `Infinity` when unacceptable).
 */
export type StablePreferences = {
  readonly menteeRanking: readonly Int32Array[];
  readonly mentorRank: Float64Array;
};

/**
 * Preferences derived from scores: each side ranks by decreasing score (at the solver's
 * integer scale); ties go to the candidate listed first for a mentee and to the mentee with
 * the smaller index for a mentor, which makes both orders total and fixed. One global sort
 * serves both sides.
 */
export function derivePreferencesFromScores(graph: CandidateGraph): StablePreferences {
  const order = sortArcsByScore(graph);
  const arcCount = order.length;
  const arcMentee = new Int32Array(arcCount);
  for (let i = 0; i < graph.menteeCount; i++) {
    arcMentee.fill(i, graph.arcStart[i], graph.arcStart[i + 1]);
  }
  const rankedArcs = new Int32Array(arcCount);
  const cursor = graph.arcStart.slice(0, graph.menteeCount);
  const mentorRank = new Float64Array(arcCount);
  const mentorSeen = new Int32Array(graph.mentorCount);
  for (let k = 0; k < arcCount; k++) {
    const arc = order[k]!;
    rankedArcs[cursor[arcMentee[arc]!]!++] = arc;
    mentorRank[arc] = mentorSeen[graph.arcMentor[arc]!]!++;
  }
  const menteeRanking: Int32Array[] = [];
  for (let i = 0; i < graph.menteeCount; i++) {
    menteeRanking.push(rankedArcs.subarray(graph.arcStart[i], graph.arcStart[i + 1]));
  }
  return { menteeRanking, mentorRank };
}

/**
 * Mentee-proposing deferred acceptance with mentor capacities (Gale–Shapley, hospitals /
 * residents form). The result has no blocking pair and is the best stable matching for
 * every mentee. Free mentees propose in increasing index order, which does not change the
 * result (deferred acceptance is order-independent) but keeps the run reproducible.
 */
export function assignStable(
  graph: CandidateGraph,
  preferences: StablePreferences = derivePreferencesFromScores(graph),
): GraphAssignment {
  const { menteeRanking, mentorRank } = preferences;
  const slotStart = new Int32Array(graph.mentorCount + 1);
  for (let j = 0; j < graph.mentorCount; j++) {
    slotStart[j + 1] = slotStart[j]! + graph.mentorCapacity[j]!;
  }
  const heldArc = new Int32Array(slotStart[graph.mentorCount]!);
  const heldCount = new Int32Array(graph.mentorCount);
  const nextChoice = new Int32Array(graph.menteeCount);
  const menteeArc = new Int32Array(graph.menteeCount).fill(-1);
  const arcMentee = new Int32Array(graph.arcMentor.length);
  for (let i = 0; i < graph.menteeCount; i++) {
    arcMentee.fill(i, graph.arcStart[i], graph.arcStart[i + 1]);
  }
  const free: number[] = [];
  for (let i = graph.menteeCount - 1; i >= 0; i--) free.push(i);

  while (free.length > 0) {
    const mentee = free.pop()!;
    const ranking = menteeRanking[mentee]!;
    while (nextChoice[mentee]! < ranking.length) {
      const arc = ranking[nextChoice[mentee]!++]!;
      const rank = mentorRank[arc]!;
      if (rank === Infinity) continue;
      const mentor = graph.arcMentor[arc]!;
      const start = slotStart[mentor]!;
      if (heldCount[mentor]! < graph.mentorCapacity[mentor]!) {
        heldArc[start + heldCount[mentor]!++] = arc;
        menteeArc[mentee] = arc;
        break;
      }
      let worstSlot = -1;
      let worstRank = -1;
      for (let s = start; s < start + heldCount[mentor]!; s++) {
        const heldRank = mentorRank[heldArc[s]!]!;
        if (heldRank > worstRank) {
          worstRank = heldRank;
          worstSlot = s;
        }
      }
      if (worstSlot < 0 || worstRank <= rank) continue;
      const rejectedArc = heldArc[worstSlot]!;
      heldArc[worstSlot] = arc;
      menteeArc[mentee] = arc;
      const rejected = arcMentee[rejectedArc]!;
      menteeArc[rejected] = -1;
      free.push(rejected);
      break;
    }
  }
  return summariseAssignment(graph, menteeArc);
}
