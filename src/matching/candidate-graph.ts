/**
 * The sparse bipartite graph every assignment mode works on: mentees on one side, mentors
 * with capacities on the other, one arc per allowed pair. Arcs are stored in compressed rows
 * (CSR) by mentee so that 100,000 mentees × 50 candidates fit in a few tens of megabytes.
 */
export type CandidateGraph = {
  readonly menteeCount: number;
  readonly mentorCount: number;
  /** Maximum number of mentees each mentor may take at once. */
  readonly mentorCapacity: Int32Array;
  /** Arcs of mentee `i` are the indices `arcStart[i]` to `arcStart[i + 1] - 1`. */
  readonly arcStart: Int32Array;
  readonly arcMentor: Int32Array;
  /** Compatibility score of each arc, any finite number; higher is better. */
  readonly arcScore: Float64Array;
};

/** One allowed pair given by indices, as produced by scoring or read from an instance. */
export type IndexedPair = { mentee: number; mentor: number; score: number };

/**
 * Builds the compressed graph from a list of pairs. Arcs keep the input order inside each
 * mentee, which is the documented tie-break everywhere; a duplicate pair keeps its first score.
 */
export function buildCandidateGraph(
  menteeCount: number,
  mentorCapacity: ArrayLike<number>,
  pairs: readonly IndexedPair[],
): CandidateGraph {
  const mentorCount = mentorCapacity.length;
  const counts = new Int32Array(menteeCount + 1);
  for (const pair of pairs) counts[pair.mentee + 1]! += 1;
  for (let i = 0; i < menteeCount; i++) counts[i + 1]! += counts[i]!;
  const arcStart = counts.slice();
  const cursor = counts.slice(0, menteeCount);
  const arcMentor = new Int32Array(pairs.length);
  const arcScore = new Float64Array(pairs.length);
  for (const pair of pairs) {
    const at = cursor[pair.mentee]!++;
    arcMentor[at] = pair.mentor;
    arcScore[at] = pair.score;
  }
  return removeDuplicateArcs({
    menteeCount,
    mentorCount,
    mentorCapacity: Int32Array.from(mentorCapacity),
    arcStart,
    arcMentor,
    arcScore,
  });
}

function removeDuplicateArcs(graph: CandidateGraph): CandidateGraph {
  const seenBy = new Int32Array(graph.mentorCount).fill(-1);
  let duplicates = 0;
  for (let i = 0; i < graph.menteeCount; i++) {
    for (let a = graph.arcStart[i]!; a < graph.arcStart[i + 1]!; a++) {
      const mentor = graph.arcMentor[a]!;
      if (seenBy[mentor] === i) duplicates++;
      seenBy[mentor] = i;
    }
  }
  if (duplicates === 0) return graph;
  seenBy.fill(-1);
  const arcStart = new Int32Array(graph.menteeCount + 1);
  const arcMentor = new Int32Array(graph.arcMentor.length - duplicates);
  const arcScore = new Float64Array(arcMentor.length);
  let out = 0;
  for (let i = 0; i < graph.menteeCount; i++) {
    for (let a = graph.arcStart[i]!; a < graph.arcStart[i + 1]!; a++) {
      const mentor = graph.arcMentor[a]!;
      if (seenBy[mentor] === i) continue;
      seenBy[mentor] = i;
      arcMentor[out] = mentor;
      arcScore[out] = graph.arcScore[a]!;
      out++;
    }
    arcStart[i + 1] = out;
  }
  return { ...graph, arcStart, arcMentor, arcScore };
}

/** Number of arcs (allowed pairs) of the graph. */
export function countArcs(graph: CandidateGraph): number {
  return graph.arcStart[graph.menteeCount]!;
}

/**
 * Mentor-side view of the same arcs: for mentor `j`, `mentorArcStart[j]` to
 * `mentorArcStart[j + 1] - 1` index `arcOfMentor`, which points back to mentee-side arcs.
 * Mentees appear in increasing index order within each mentor.
 */
export type MentorIndex = {
  readonly mentorArcStart: Int32Array;
  readonly arcOfMentor: Int32Array;
  /** Mentee of each mentee-side arc (the inverse of `arcStart`). */
  readonly arcMentee: Int32Array;
};

/** Builds the mentor-side index of a graph in linear time. */
export function indexByMentor(graph: CandidateGraph): MentorIndex {
  const arcCount = countArcs(graph);
  const mentorArcStart = new Int32Array(graph.mentorCount + 1);
  for (let a = 0; a < arcCount; a++) mentorArcStart[graph.arcMentor[a]! + 1]! += 1;
  for (let j = 0; j < graph.mentorCount; j++) mentorArcStart[j + 1]! += mentorArcStart[j]!;
  const cursor = mentorArcStart.slice(0, graph.mentorCount);
  const arcOfMentor = new Int32Array(arcCount);
  const arcMentee = new Int32Array(arcCount);
  for (let i = 0; i < graph.menteeCount; i++) {
    for (let a = graph.arcStart[i]!; a < graph.arcStart[i + 1]!; a++) {
      arcMentee[a] = i;
      arcOfMentor[cursor[graph.arcMentor[a]!]!++] = a;
    }
  }
  return { mentorArcStart, arcOfMentor, arcMentee };
}
