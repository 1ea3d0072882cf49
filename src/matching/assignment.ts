import type { CandidateGraph } from './candidate-graph.ts';

/** The outcome of an assignment mode on a candidate graph, by indices. */
export type GraphAssignment = {
  /** Arc used by each mentee, or -1 when the mentee is unmatched. */
  readonly menteeArc: Int32Array;
  readonly matchedCount: number;
  /** Sum of the scores of the used arcs, added in mentee order. */
  readonly totalScore: number;
};

/** Builds a `GraphAssignment` from the arc chosen for each mentee. */
export function summariseAssignment(graph: CandidateGraph, menteeArc: Int32Array): GraphAssignment {
  let matchedCount = 0;
  let totalScore = 0;
  for (let i = 0; i < graph.menteeCount; i++) {
    const arc = menteeArc[i]!;
    if (arc < 0) continue;
    matchedCount++;
    totalScore += graph.arcScore[arc]!;
  }
  return { menteeArc, matchedCount, totalScore };
}

/** Mentor of each mentee under an assignment, or -1. */
export function listMentorOfMentee(graph: CandidateGraph, assignment: GraphAssignment): Int32Array {
  const mentorOf = new Int32Array(graph.menteeCount).fill(-1);
  for (let i = 0; i < graph.menteeCount; i++) {
    const arc = assignment.menteeArc[i]!;
    if (arc >= 0) mentorOf[i] = graph.arcMentor[arc]!;
  }
  return mentorOf;
}

/**
 * Returns null when the assignment uses only arcs of the graph, one per mentee, and no
 * mentor beyond capacity; otherwise a description of the first violation.
 */
export function checkAssignmentFeasible(
  graph: CandidateGraph,
  assignment: GraphAssignment,
): string | null {
  const load = new Int32Array(graph.mentorCount);
  for (let i = 0; i < graph.menteeCount; i++) {
    const arc = assignment.menteeArc[i]!;
    if (arc < 0) continue;
    if (arc < graph.arcStart[i]! || arc >= graph.arcStart[i + 1]!) {
      return `mentee ${i} uses an arc that is not its own`;
    }
    const mentor = graph.arcMentor[arc]!;
    if (++load[mentor]! > graph.mentorCapacity[mentor]!) return `mentor ${mentor} over capacity`;
  }
  return null;
}
