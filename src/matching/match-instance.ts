import type { MatchingMode } from '../domain/tandems.ts';
import type { DrivingSide } from './assign-optimal.ts';
import { assignOptimal } from './assign-optimal.ts';
import { assignGreedy } from './assign-greedy.ts';
import type { StablePreferences } from './assign-stable.ts';
import { assignStable, derivePreferencesFromScores } from './assign-stable.ts';
import type { GraphAssignment } from './assignment.ts';
import type { CandidateGraph, IndexedPair } from './candidate-graph.ts';
import { buildCandidateGraph } from './candidate-graph.ts';
import { addWaitingBonus, capTopScoredPerMentor } from './adjust-graph.ts';
import type { ScoredCandidateGraph } from './build-candidate-graph.ts';
import { buildScoredCandidateGraph } from './build-candidate-graph.ts';
import { keyPair } from './hard-constraints.ts';
import type { AssignmentLine, MatchingInstance, MatchingOutput } from './instance.ts';
import { prepareProfiles } from './prepare-profiles.ts';
import type { CodeLabels, ScoringWeights } from './score-pair.ts';
import { createScoringContext, explainPair } from './score-pair.ts';
import type { PricePrunedPairsOptions, PrunedPairSource } from './price-pruned-pairs.ts';
import { createProfilePairSource, pricePrunedPairs } from './price-pruned-pairs.ts';

export type MatchInstanceOptions = {
  mode: MatchingMode;
  /** Extra score for mentees who have waited, per month of `waitingDays`, up to a maximum. */
  fairnessBonus?: { bonusPerMonth: number; maxBonus: number };
  /** At most `perMentor` mentees scoring `threshold` or more per mentor. */
  topScoreCap?: { threshold: number; perMentor: number };
  drivingSide?: DrivingSide;
  onProgress?: (settled: number, total: number) => void;
  /** For instances with full profiles and no `pairs`: how pairs are scored and pruned. */
  scoring?: ProfileScoringOptions;
  /** A candidate graph already built from the profiles (e.g. on worker threads). */
  candidateGraph?: ScoredCandidateGraph;
};

export type ProfileScoringOptions = {
  /** Candidates kept per mentee; 50 unless set. */
  k?: number;
  minScore?: number;
  weights?: Partial<ScoringWeights>;
  labels?: CodeLabels;
  /** Attach the explanation of each assigned pair (on unless false). */
  explain?: boolean;
  /**
   * `optimal` only: price the pairs pruned from the top-k lists until the result is proven
   * optimal for the unpruned problem (decision 0107), within the given caps.
   */
  priceOutPruned?: boolean | Pick<PricePrunedPairsOptions, 'maxRounds' | 'maxScoredPairs'>;
};

/** Pairs outside the candidate graph and how far to go pricing them (`priceOutPruned`). */
export type PrunedPricing = {
  source: PrunedPairSource;
  options: Pick<PricePrunedPairsOptions, 'maxRounds' | 'maxScoredPairs'>;
};

/** True when the instance relies on profiles: neither `pairs` nor `preferences` is given. */
export function isProfileInstance(instance: MatchingInstance): boolean {
  return !instance.pairs && !instance.preferences;
}

/** Pairs the coordinator excluded or that were declined, as keys for the hard constraints. */
export function listExcludedPairs(instance: MatchingInstance): Set<string> {
  return new Set((instance.exclusions ?? []).map((pair) => keyPair(pair.mentee, pair.mentor)));
}

/** The graph of an instance's allowed pairs, with the ids behind the indices. */
export type InstanceGraph = {
  graph: CandidateGraph;
  menteeIds: string[];
  mentorIds: string[];
};

/**
 * Runs one assignment mode on an instance whose pairs are given (`pairs`) or implied by
 * `preferences`, and returns the output format of DESIGN.md. Exclusions always hold.
 */
export function matchInstance(
  instance: MatchingInstance,
  options: MatchInstanceOptions,
): MatchingOutput {
  if (isProfileInstance(instance)) return matchProfiles(instance, options);
  const { graph: baseGraph, menteeIds, mentorIds } = buildInstanceGraph(instance);
  return matchGraph(baseGraph, menteeIds, mentorIds, options, instance);
}

/**
 * Scores full profiles (hard constraints first, top-k candidates per mentee), assigns, and
 * explains every assigned pair.
 */
function matchProfiles(instance: MatchingInstance, options: MatchInstanceOptions): MatchingOutput {
  const scoring = options.scoring ?? {};
  const profiles = prepareProfiles(instance.mentees, instance.mentors);
  const context = createScoringContext(profiles.textIndex, scoring.weights, scoring.labels);
  const built =
    options.candidateGraph ??
    buildScoredCandidateGraph(profiles, context, {
      k: scoring.k ?? 50,
      minScore: scoring.minScore,
      excluded: listExcludedPairs(instance),
    });
  const menteeIds = instance.mentees.map((mentee) => mentee.id);
  const mentorIds = instance.mentors.map((mentor) => mentor.id);
  const pricing: PrunedPricing | undefined = scoring.priceOutPruned
    ? {
        source: createProfilePairSource(profiles, context, {
          excluded: listExcludedPairs(instance),
          minScore: scoring.minScore,
        }),
        options: scoring.priceOutPruned === true ? {} : scoring.priceOutPruned,
      }
    : undefined;
  const output = matchGraph(
    built.graph,
    menteeIds,
    mentorIds,
    options,
    instance,
    built.prunedBound,
    pricing,
  );
  if (scoring.explain !== false) {
    const menteeIndex = new Map(menteeIds.map((id, index) => [id, index]));
    const mentorIndex = new Map(mentorIds.map((id, index) => [id, index]));
    for (const line of output.assignments) {
      const mentee = profiles.mentees[menteeIndex.get(line.mentee)!]!;
      const mentor = profiles.mentors[mentorIndex.get(line.mentor)!]!;
      line.explanation = explainPair(mentee, mentor, context).explanation;
    }
  }
  output.diagnostics = {
    ...output.diagnostics,
    scoredPairs: built.scoredPairs,
    candidatesPerMentee: scoring.k ?? 50,
  };
  return output;
}

/** Runs one assignment mode on an already built graph and presents the result with ids. */
export function matchGraph(
  baseGraph: CandidateGraph,
  menteeIds: readonly string[],
  mentorIds: readonly string[],
  options: MatchInstanceOptions,
  instance?: MatchingInstance,
  prunedBound?: Float64Array,
  pricing?: PrunedPricing,
): MatchingOutput {
  let graph = baseGraph;
  let menteeBonus: Float64Array | undefined;
  if (options.fairnessBonus) {
    const waiting = (instance?.mentees ?? []).map((mentee) => mentee.waitingDays ?? 0);
    ({ graph, menteeBonus } = addWaitingBonus(graph, waiting, options.fairnessBonus));
  }
  let originalArc: Int32Array | undefined;
  if (options.topScoreCap) {
    ({ graph, originalArc } = capTopScoredPerMentor(graph, options.topScoreCap));
  }

  const diagnostics: Record<string, unknown> = {};
  let assignment: GraphAssignment;
  // With pruned pairs priced in: the grown graph, its arcs' base arcs (-1: added pair), and
  // the base score of an added pair.
  let priced: { graph: CandidateGraph; inputArc: Int32Array } | undefined;
  if (options.mode === 'optimal' && pricing && prunedBound && !originalArc) {
    const result = pricePrunedPairs(
      graph,
      shiftBounds(prunedBound, menteeBonus),
      shiftSource(pricing.source, menteeBonus),
      {
        ...pricing.options,
        assign: { drivingSide: options.drivingSide, onProgress: options.onProgress },
      },
    );
    assignment = result.assignment;
    priced = result;
    diagnostics.menteesAtPruningRisk = result.remainingMentees;
    diagnostics.prunedPairPricing = {
      isCertified: result.isCertified,
      ...(result.stoppedBy ? { stoppedBy: result.stoppedBy } : {}),
      rounds: result.rounds.length,
      arcsAdded: result.arcsAdded,
      scoredPairs: result.scoredPairs,
      remainingPairs: result.remainingPairs,
    };
    diagnostics.isProvenOptimal = result.assignment.isProvenOptimal;
    diagnostics.scoreScale = result.assignment.scale;
    diagnostics.drivingSide = result.assignment.drivingSide;
  } else if (options.mode === 'optimal') {
    const optimal = assignOptimal(graph, {
      drivingSide: options.drivingSide,
      onProgress: options.onProgress,
      // The bound is per mentee and stays valid after the bonus (same shift on all its arcs)
      // but not after splitting mentors, where pairs are duplicated.
      prunedBound: prunedBound && !originalArc ? shiftBounds(prunedBound, menteeBonus) : undefined,
    });
    assignment = optimal;
    if (optimal.menteesAtPruningRisk !== undefined) {
      diagnostics.menteesAtPruningRisk = optimal.menteesAtPruningRisk;
    }
    diagnostics.isProvenOptimal = optimal.isProvenOptimal;
    diagnostics.scoreScale = optimal.scale;
    diagnostics.drivingSide = optimal.drivingSide;
  } else if (options.mode === 'stable') {
    const preferences =
      instance?.preferences && !originalArc
        ? readStablePreferences(graph, instance, menteeIds, mentorIds)
        : derivePreferencesFromScores(graph);
    diagnostics.preferences =
      instance?.preferences && !originalArc ? 'given' : 'derived from scores';
    assignment = assignStable(graph, preferences);
  } else {
    assignment = assignGreedy(graph);
  }

  const assignments: AssignmentLine[] = [];
  const unmatched: string[] = [];
  let totalScore = 0;
  for (let i = 0; i < baseGraph.menteeCount; i++) {
    const arc = assignment.menteeArc[i]!;
    if (arc < 0) {
      unmatched.push(menteeIds[i]!);
      continue;
    }
    const baseArc = originalArc ? originalArc[arc]! : priced ? priced.inputArc[arc]! : arc;
    const mentor = baseArc >= 0 ? baseGraph.arcMentor[baseArc]! : priced!.graph.arcMentor[arc]!;
    const score =
      baseArc >= 0 ? baseGraph.arcScore[baseArc]! : pricing!.source.scorePair(i, mentor);
    totalScore += score;
    const line: AssignmentLine = { mentee: menteeIds[i]!, mentor: mentorIds[mentor]!, score };
    if (menteeBonus && menteeBonus[i]! > 0) line.fairnessBonus = menteeBonus[i]!;
    assignments.push(line);
  }
  return {
    mode: options.mode,
    assignments,
    unmatched,
    matchedCount: assignments.length,
    totalScore,
    diagnostics,
  };
}

/** The pairs with each mentee's fairness bonus added, as on the graph's arcs. */
function shiftSource(
  source: PrunedPairSource,
  menteeBonus: Float64Array | undefined,
): PrunedPairSource {
  if (!menteeBonus) return source;
  const { boundPair } = source;
  let lowest = 0;
  for (const bonus of menteeBonus) lowest = Math.min(lowest, bonus);
  return {
    scoreFloor: source.scoreFloor + lowest,
    scorePair: (mentee, mentor) => source.scorePair(mentee, mentor) + menteeBonus[mentee]!,
    ...(boundPair
      ? {
          boundPair: (mentee: number, mentor: number) =>
            boundPair(mentee, mentor) + menteeBonus[mentee]!,
        }
      : {}),
  };
}

function shiftBounds(bounds: Float64Array, menteeBonus: Float64Array | undefined): Float64Array {
  if (!menteeBonus) return bounds;
  return Float64Array.from(bounds, (bound, mentee) => bound + menteeBonus[mentee]!);
}

/**
 * Allowed pairs: `pairs` when given (scores as is); otherwise every pair acceptable in the
 * preference lists, scored by the mean of both sides' normalised ranks (1 = first choice).
 * Excluded pairs are removed either way.
 */
export function buildInstanceGraph(instance: MatchingInstance): InstanceGraph {
  const menteeIds = instance.mentees.map((mentee) => mentee.id);
  const mentorIds = instance.mentors.map((mentor) => mentor.id);
  const menteeIndex = new Map(menteeIds.map((id, index) => [id, index]));
  const mentorIndex = new Map(mentorIds.map((id, index) => [id, index]));
  const excluded = new Set(
    (instance.exclusions ?? []).map((pair) => `${pair.mentee}\u0000${pair.mentor}`),
  );
  const isExcluded = (mentee: string, mentor: string) => excluded.has(`${mentee}\u0000${mentor}`);

  const pairs: IndexedPair[] = [];
  if (instance.pairs) {
    for (const pair of instance.pairs) {
      if (isExcluded(pair.mentee, pair.mentor)) continue;
      pairs.push({
        mentee: menteeIndex.get(pair.mentee)!,
        mentor: mentorIndex.get(pair.mentor)!,
        score: pair.score,
      });
    }
  } else {
    pairs.push(...derivePairsFromPreferences(instance, menteeIndex, mentorIndex, isExcluded));
  }
  const capacities = instance.mentors.map((mentor) => (mentor.isPaused ? 0 : mentor.capacity));
  return { graph: buildCandidateGraph(menteeIds.length, capacities, pairs), menteeIds, mentorIds };
}

function derivePairsFromPreferences(
  instance: MatchingInstance,
  menteeIndex: Map<string, number>,
  mentorIndex: Map<string, number>,
  isExcluded: (mentee: string, mentor: string) => boolean,
): IndexedPair[] {
  const menteeLists = instance.preferences?.mentees ?? {};
  const mentorLists = instance.preferences?.mentors ?? {};
  const mentorRank = new Map<string, Map<string, number>>();
  for (const [mentor, list] of Object.entries(mentorLists)) {
    mentorRank.set(mentor, new Map(list.map((mentee, rank) => [mentee, rank])));
  }
  const pairs: IndexedPair[] = [];
  const seen = new Set<string>();
  const add = (mentee: string, mentor: string) => {
    const key = `${mentee}\u0000${mentor}`;
    if (seen.has(key) || isExcluded(mentee, mentor)) return;
    const menteeList = menteeLists[mentee];
    const ranks = mentorRank.get(mentor);
    if (menteeList && !menteeList.includes(mentor)) return;
    if (ranks && !ranks.has(mentee)) return;
    seen.add(key);
    const menteeSide = menteeList ? 1 - menteeList.indexOf(mentor) / menteeList.length : 0;
    const mentorSide = ranks ? 1 - ranks.get(mentee)! / ranks.size : 0;
    const sides = (menteeList ? 1 : 0) + (ranks ? 1 : 0);
    pairs.push({
      mentee: menteeIndex.get(mentee)!,
      mentor: mentorIndex.get(mentor)!,
      score: (menteeSide + mentorSide) / sides,
    });
  };
  for (const mentee of instance.mentees) {
    for (const mentor of menteeLists[mentee.id] ?? []) add(mentee.id, mentor);
  }
  for (const [mentor, list] of Object.entries(mentorLists)) {
    for (const mentee of list) if (!menteeLists[mentee]) add(mentee, mentor);
  }
  return pairs;
}

/**
 * Preferences as given: a side's list when present (unlisted partners are unacceptable),
 * otherwise that side's order derived from scores.
 */
function readStablePreferences(
  graph: CandidateGraph,
  instance: MatchingInstance,
  menteeIds: readonly string[],
  mentorIds: readonly string[],
): StablePreferences {
  const derived = derivePreferencesFromScores(graph);
  const menteeLists = instance.preferences?.mentees ?? {};
  const mentorLists = instance.preferences?.mentors ?? {};
  const menteeRanking = derived.menteeRanking.map((ranking, mentee) => {
    const list = menteeLists[menteeIds[mentee]!];
    if (!list) return ranking;
    const arcByMentor = new Map<string, number>();
    for (let a = graph.arcStart[mentee]!; a < graph.arcStart[mentee + 1]!; a++) {
      arcByMentor.set(mentorIds[graph.arcMentor[a]!]!, a);
    }
    return Int32Array.from(
      list.map((mentor) => arcByMentor.get(mentor) ?? -1).filter((arc) => arc >= 0),
    );
  });
  const mentorRank = derived.mentorRank.slice();
  const rankOf = new Map<string, Map<string, number>>();
  for (const [mentor, list] of Object.entries(mentorLists)) {
    rankOf.set(mentor, new Map(list.map((mentee, rank) => [mentee, rank])));
  }
  for (let i = 0; i < graph.menteeCount; i++) {
    for (let a = graph.arcStart[i]!; a < graph.arcStart[i + 1]!; a++) {
      const ranks = rankOf.get(mentorIds[graph.arcMentor[a]!]!);
      if (ranks) mentorRank[a] = ranks.get(menteeIds[i]!) ?? Infinity;
    }
  }
  return { menteeRanking, mentorRank };
}
