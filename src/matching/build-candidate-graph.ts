import type { CandidateGraph } from './candidate-graph.ts';
import type { MentorCatalog } from './find-candidates.ts';
import { findCandidates, catalogMentors } from './find-candidates.ts';
import type { ExcludedPairs } from './hard-constraints.ts';
import type { PreparedProfiles } from './prepare-profiles.ts';
import type { ScoringContext } from './score-pair.ts';

export type BuildCandidateGraphOptions = {
  /** Candidates kept per mentee (top-k by score). */
  k: number;
  minScore?: number;
  excluded: ExcludedPairs;
};

/** A candidate graph built from profiles, with what pruning may have hidden. */
export type ScoredCandidateGraph = {
  graph: CandidateGraph;
  /** Per mentee: best score any allowed mentor left out could have (-Infinity: none left out). */
  prunedBound: Float64Array;
  scoredPairs: number;
};

/** The candidate lists of a range of mentees, in flat typed arrays (what a worker sends back). */
export type CandidateSlice = {
  start: number;
  end: number;
  arcStart: Int32Array;
  arcMentor: Int32Array;
  arcScore: Float64Array;
  prunedBound: Float64Array;
  scoredPairs: number;
};

/** Finds the candidates of mentees `start` to `end - 1`. */
export function findCandidateSlice(
  profiles: PreparedProfiles,
  catalog: MentorCatalog,
  context: ScoringContext,
  options: BuildCandidateGraphOptions,
  start: number,
  end: number,
  onProgress?: (done: number) => void,
): CandidateSlice {
  const count = end - start;
  const arcStart = new Int32Array(count + 1);
  const arcMentor = new Int32Array(count * options.k);
  const arcScore = new Float64Array(count * options.k);
  const prunedBound = new Float64Array(count);
  let arc = 0;
  let scoredPairs = 0;
  for (let offset = 0; offset < count; offset++) {
    const list = findCandidates(
      profiles.mentees[start + offset]!,
      profiles.mentors,
      catalog,
      context,
      options,
    );
    arcMentor.set(list.mentors, arc);
    arcScore.set(list.scores, arc);
    arc += list.mentors.length;
    arcStart[offset + 1] = arc;
    prunedBound[offset] = list.prunedBound;
    scoredPairs += list.scoredPairs;
    if (onProgress && offset % 1000 === 999) onProgress(offset + 1);
  }
  return {
    start,
    end,
    arcStart,
    arcMentor: arcMentor.slice(0, arc),
    arcScore: arcScore.slice(0, arc),
    prunedBound,
    scoredPairs,
  };
}

/** Joins slices covering all mentees in order into one graph. */
export function joinCandidateSlices(
  profiles: PreparedProfiles,
  slices: readonly CandidateSlice[],
): ScoredCandidateGraph {
  const menteeCount = profiles.mentees.length;
  const ordered = [...slices].sort((a, b) => a.start - b.start);
  const arcCount = ordered.reduce((sum, slice) => sum + slice.arcMentor.length, 0);
  const arcStart = new Int32Array(menteeCount + 1);
  const arcMentor = new Int32Array(arcCount);
  const arcScore = new Float64Array(arcCount);
  const prunedBound = new Float64Array(menteeCount);
  let base = 0;
  let scoredPairs = 0;
  for (const slice of ordered) {
    for (let offset = 0; offset < slice.end - slice.start; offset++) {
      arcStart[slice.start + offset + 1] = base + slice.arcStart[offset + 1]!;
    }
    arcMentor.set(slice.arcMentor, base);
    arcScore.set(slice.arcScore, base);
    prunedBound.set(slice.prunedBound, slice.start);
    base += slice.arcMentor.length;
    scoredPairs += slice.scoredPairs;
  }
  const mentorCapacity = Int32Array.from(profiles.mentors, (mentor) =>
    mentor.isPaused ? 0 : mentor.capacity,
  );
  return {
    graph: {
      menteeCount,
      mentorCount: profiles.mentors.length,
      mentorCapacity,
      arcStart,
      arcMentor,
      arcScore,
    },
    prunedBound,
    scoredPairs,
  };
}

/** Builds the whole top-k candidate graph on the current thread. */
export function buildScoredCandidateGraph(
  profiles: PreparedProfiles,
  context: ScoringContext,
  options: BuildCandidateGraphOptions,
  onProgress?: (done: number) => void,
): ScoredCandidateGraph {
  const catalog = catalogMentors(profiles.mentors);
  const slice = findCandidateSlice(
    profiles,
    catalog,
    context,
    options,
    0,
    profiles.mentees.length,
    onProgress,
  );
  return joinCandidateSlices(profiles, [slice]);
}
