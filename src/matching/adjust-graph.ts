import type { CandidateGraph } from './candidate-graph.ts';

/** A transformed graph and the original arc behind each of its arcs. */
export type AdjustedGraph = { graph: CandidateGraph; originalArc: Int32Array };

/**
 * Fairness bonus: adds `bonusPerMonth × months waited` (at most `maxBonus`) to every score of
 * a mentee, so that among comparable options those who waited longest are served first.
 */
export function addWaitingBonus(
  graph: CandidateGraph,
  waitingDays: ArrayLike<number>,
  bonus: { bonusPerMonth: number; maxBonus: number },
): { graph: CandidateGraph; menteeBonus: Float64Array } {
  const menteeBonus = new Float64Array(graph.menteeCount);
  const arcScore = graph.arcScore.slice();
  for (let i = 0; i < graph.menteeCount; i++) {
    const months = (waitingDays[i] ?? 0) / 30;
    // Rounded to 10^-6 so the bonus never adds noise below the solver's integer scale.
    const value = Math.round(Math.min(bonus.maxBonus, bonus.bonusPerMonth * months) * 1e6) / 1e6;
    menteeBonus[i] = value;
    for (let a = graph.arcStart[i]!; a < graph.arcStart[i + 1]!; a++) arcScore[a]! += value;
  }
  return { graph: { ...graph, arcScore }, menteeBonus };
}

/**
 * Caps how many mentees scoring at least `threshold` one mentor may absorb. Mentor `j` is
 * split into an "any" part of capacity min(perMentor, capacity) that takes every pair and a
 * "lower" part (index `mentorCount + j`) with the rest of the capacity that takes only pairs
 * below the threshold. Every assignment that respects the cap maps to one of the split graph
 * and back, so each mode stays exact; the graph stays bipartite.
 */
export function capTopScoredPerMentor(
  graph: CandidateGraph,
  cap: { threshold: number; perMentor: number },
): AdjustedGraph {
  const { mentorCount, menteeCount } = graph;
  const mentorCapacity = new Int32Array(2 * mentorCount);
  for (let j = 0; j < mentorCount; j++) {
    const any = Math.min(cap.perMentor, graph.mentorCapacity[j]!);
    mentorCapacity[j] = any;
    mentorCapacity[mentorCount + j] = graph.mentorCapacity[j]! - any;
  }
  const arcStart = new Int32Array(menteeCount + 1);
  const mentors: number[] = [];
  const scores: number[] = [];
  const origins: number[] = [];
  for (let i = 0; i < menteeCount; i++) {
    for (let a = graph.arcStart[i]!; a < graph.arcStart[i + 1]!; a++) {
      const mentor = graph.arcMentor[a]!;
      const score = graph.arcScore[a]!;
      mentors.push(mentor);
      scores.push(score);
      origins.push(a);
      if (score < cap.threshold && mentorCapacity[mentorCount + mentor]! > 0) {
        mentors.push(mentorCount + mentor);
        scores.push(score);
        origins.push(a);
      }
    }
    arcStart[i + 1] = mentors.length;
  }
  return {
    graph: {
      menteeCount,
      mentorCount: 2 * mentorCount,
      mentorCapacity,
      arcStart,
      arcMentor: Int32Array.from(mentors),
      arcScore: Float64Array.from(scores),
    },
    originalArc: Int32Array.from(origins),
  };
}
