import type { CandidateWorkspace } from './find-candidates.ts';
import { createCandidateWorkspace, findCandidates } from './find-candidates.ts';
import type { ExcludedPairs, ExclusionReason } from './hard-constraints.ts';
import { checkPairAllowed } from './hard-constraints.ts';
import type { ExplanationLine } from './instance.ts';
import type { PreparedMentee, PreparedMentor, PreparedProfiles } from './prepare-profiles.ts';
import type { ScoringContext } from './score-pair.ts';
import { CRITERIA, explainPair, measureCriteria, sumContributions } from './score-pair.ts';
import type { ScoringTables } from './scoring-tables.ts';
import { buildScoringTables } from './scoring-tables.ts';

/** One suggested partner with the explained score. */
export type Suggestion = {
  id: string;
  index: number;
  score: number;
  explanation: ExplanationLine[];
};

/** What suggestions need, prepared once and reused for many requests. */
export type SuggestionIndex = {
  profiles: PreparedProfiles;
  tables: ScoringTables;
  context: ScoringContext;
  excluded: ExcludedPairs;
  workspace: CandidateWorkspace;
};

/**
 * Lays the profiles out as scoring tables once (see `findCandidates`), so that each request
 * only scans typed arrays.
 */
export function createSuggestionIndex(
  profiles: PreparedProfiles,
  context: ScoringContext,
  excluded: ExcludedPairs = new Set(),
): SuggestionIndex {
  const tables = buildScoringTables(profiles, context, excluded);
  return { profiles, tables, context, excluded, workspace: createCandidateWorkspace(tables, 10) };
}

/**
 * Top-k mentors for one mentee, best first (ties: smaller index), each with its
 * explanation: exactly the k best allowed pairs, found by `findCandidates`.
 */
export function suggestMentors(
  index: SuggestionIndex,
  menteeIndex: number,
  k: number,
  minScore?: number,
): Suggestion[] {
  const mentee = index.profiles.mentees[menteeIndex]!;
  const list = findCandidates(index.tables, menteeIndex, { k, minScore }, index.workspace);
  return Array.from(list.mentors, (mentorIndex) => {
    const mentor = index.profiles.mentors[mentorIndex]!;
    return { id: mentor.id, index: mentorIndex, ...explainPair(mentee, mentor, index.context) };
  });
}

/**
 * Top-k mentees for one mentor, best first, with explanations. Mentees are fewer per mentor
 * request, so a linear pass with hard constraints first is enough; ties go to the smaller index.
 */
export function suggestMentees(
  index: SuggestionIndex,
  mentorIndex: number,
  k: number,
  minScore = -Infinity,
): Suggestion[] {
  const mentor = index.profiles.mentors[mentorIndex]!;
  const similarity = new Float64Array(CRITERIA.length);
  const kept: { index: number; score: number }[] = [];
  for (const mentee of index.profiles.mentees) {
    if (checkPairAllowed(mentee, mentor, index.excluded)) continue;
    measureCriteria(mentee, mentor, similarity);
    const score = sumContributions(index.context.weights, similarity);
    if (score < minScore) continue;
    kept.push({ index: mentee.index, score });
  }
  kept.sort((a, b) => b.score - a.score || a.index - b.index);
  return kept.slice(0, k).map(({ index: menteeIndex }) => {
    const mentee = index.profiles.mentees[menteeIndex]!;
    return { id: mentee.id, index: menteeIndex, ...explainPair(mentee, mentor, index.context) };
  });
}

/** Why a pair cannot be suggested, or null when it can (for "why not X?" questions). */
export function explainExclusion(
  index: SuggestionIndex,
  mentee: PreparedMentee,
  mentor: PreparedMentor,
): ExclusionReason | null {
  return checkPairAllowed(mentee, mentor, index.excluded);
}
