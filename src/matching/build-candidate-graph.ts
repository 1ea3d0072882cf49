import type { CandidateGraph } from './candidate-graph.ts';
import { createCandidateWorkspace, findCandidateBatch } from './find-candidates.ts';
import type { ExcludedPairs } from './hard-constraints.ts';
import type { PreparedProfiles } from './prepare-profiles.ts';
import type { ScoringContext } from './score-pair.ts';
import type { ScoringTables } from './scoring-tables.ts';
import { buildScoringTables } from './scoring-tables.ts';

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
  /** Pairs whose full score (text cosine included) was computed. */
  scoredPairs: number;
};

/**
 * Candidate lists of every mentee in fixed-size slots (`k` per mentee), so that threads can
 * fill any mentees in any order and the result does not depend on who did what.
 */
export type CandidateOutput = {
  k: number;
  count: Int32Array;
  mentor: Int32Array;
  score: Float64Array;
  prunedBound: Float64Array;
  scoredPairs: Float64Array;
};

/** Allocates the output slots of `menteeCount` mentees, in shared memory when asked. */
export function createCandidateOutput(
  menteeCount: number,
  k: number,
  shared = false,
): CandidateOutput {
  const buffer = (bytes: number) =>
    shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  return {
    k,
    count: new Int32Array(buffer(4 * menteeCount)),
    mentor: new Int32Array(buffer(4 * menteeCount * k)),
    score: new Float64Array(buffer(8 * menteeCount * k)),
    prunedBound: new Float64Array(buffer(8 * menteeCount)),
    scoredPairs: new Float64Array(buffer(8 * menteeCount)),
  };
}

/** Finds the candidates of mentees `start` to `end - 1` into their output slots. */
export function findCandidateRange(
  tables: ScoringTables,
  output: CandidateOutput,
  minScore: number | undefined,
  start: number,
  end: number,
  workspace = createCandidateWorkspace(tables, output.k),
): void {
  const k = output.k;
  findCandidateBatch(tables, start, end, { k, minScore }, workspace, (mentee, list) => {
    output.count[mentee] = list.mentors.length;
    output.mentor.set(list.mentors, mentee * k);
    output.score.set(list.scores, mentee * k);
    output.prunedBound[mentee] = list.prunedBound;
    output.scoredPairs[mentee] = list.scoredPairs;
  });
}

/** Compacts the output slots into the compressed candidate graph. */
export function assembleCandidateGraph(
  profiles: PreparedProfiles,
  output: CandidateOutput,
): ScoredCandidateGraph {
  const menteeCount = profiles.mentees.length;
  const { k } = output;
  const arcStart = new Int32Array(menteeCount + 1);
  for (let mentee = 0; mentee < menteeCount; mentee++)
    arcStart[mentee + 1] = arcStart[mentee]! + output.count[mentee]!;
  const arcMentor = new Int32Array(arcStart[menteeCount]!);
  const arcScore = new Float64Array(arcStart[menteeCount]!);
  let scoredPairs = 0;
  for (let mentee = 0; mentee < menteeCount; mentee++) {
    const from = mentee * k;
    const to = from + output.count[mentee]!;
    arcMentor.set(output.mentor.subarray(from, to), arcStart[mentee]);
    arcScore.set(output.score.subarray(from, to), arcStart[mentee]);
    scoredPairs += output.scoredPairs[mentee]!;
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
    prunedBound: Float64Array.from(output.prunedBound),
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
  const tables = buildScoringTables(profiles, context, options.excluded);
  const output = createCandidateOutput(tables.menteeCount, options.k);
  const workspace = createCandidateWorkspace(tables, options.k);
  const step = 1000;
  for (let start = 0; start < tables.menteeCount; start += step) {
    const end = Math.min(tables.menteeCount, start + step);
    findCandidateRange(tables, output, options.minScore, start, end, workspace);
    onProgress?.(end);
  }
  return assembleCandidateGraph(profiles, output);
}
