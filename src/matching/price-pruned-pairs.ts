import type { AssignOptimalOptions, MenteeDuals, OptimalAssignment } from './assign-optimal.ts';
import { assignOptimal } from './assign-optimal.ts';
import type { CandidateGraph } from './candidate-graph.ts';
import type { ExcludedPairs } from './hard-constraints.ts';
import { checkPairAllowed } from './hard-constraints.ts';
import type { PreparedProfiles } from './prepare-profiles.ts';
import type { ScoringContext } from './score-pair.ts';
import { CRITERIA, measureStructuredCriteria, TEXT_CRITERION } from './score-pair.ts';
import { measureCosine } from './french-text.ts';
import type { CandidateWorkspace } from './find-candidates.ts';
import { createCandidateWorkspace, findCandidates } from './find-candidates.ts';
import type { ScoringTables } from './scoring-tables.ts';
import { buildScoringTables } from './scoring-tables.ts';

/**
 * Where the pairs left out of a graph come from: their exact scores, an optional cheaper
 * upper bound, and the lowest score any allowed pair can have.
 */
export type PrunedPairSource = {
  /** Exact score of a pair, NaN when the hard constraints (or the minimum score) forbid it. */
  scorePair: (mentee: number, mentor: number) => number;
  /**
   * At least the exact score (NaN: surely forbidden), cheaper to get: a pair whose bound
   * already gives a non-negative reduced cost is not scored.
   */
  boundPair?: (mentee: number, mentor: number) => number;
  /** No allowed pair scores below this (profile scores: 0, or the minimum score). */
  scoreFloor: number;
  /** True when every score is an integer (the solver then keeps scale 1). */
  integerScores?: boolean;
  /**
   * The `k` best allowed mentors of a mentee, best first, and the bound of those left out
   * (-Infinity: none): the lists the graph was built from, deeper. A mentee with many cheap
   * mentors outside its list gets a deeper list instead of a scan of each of them.
   */
  listBest?: (mentee: number, k: number) => BestMentors;
};

/** A mentee's best mentors, as `findCandidates` lists them. */
export type BestMentors = {
  readonly mentors: Int32Array;
  readonly scores: Float64Array;
  readonly prunedBound: number;
};

export type PricePrunedPairsOptions = {
  /** Solves at most (re-solves included); 20 unless set. */
  maxRounds?: number;
  /** Exact scores computed at most, over all rounds; 20 million unless set. */
  maxScoredPairs?: number;
  /**
   * A mentee's scan stops after this many improving pairs in a round (4 unless set): early
   * rounds move the duals a lot, so scanning every candidate then would be wasted.
   */
  arcsPerMentee?: number;
  /**
   * With `listBest`: a mentee whose scan examines more mentors than this without finding
   * enough improving pairs gets a list twice as deep, and its scan starts again (512 unless
   * set).
   */
  deepenAbove?: number;
  assign?: Pick<AssignOptimalOptions, 'drivingSide' | 'onProgress' | 'warmStart'>;
  /** Called after each solve and after each pricing pass (for progress and timings). */
  onSolved?: (assignment: OptimalAssignment) => void;
  onRound?: (round: PricingRound) => void;
};

/** What one round's pricing did. */
export type PricingRound = {
  /** Mentees whose bound left room for an improving pair outside their list. */
  flaggedMentees: number;
  /** Pairs whose reduced cost was read (from the cache, the bound or an exact score). */
  examinedPairs: number;
  /** Exact scores computed in this round. */
  scoredPairs: number;
  /** Pairs ruled out by the cheap bound without an exact score. */
  boundedPairs: number;
  /** Deeper lists asked for (`listBest`), and the pairs they listed. */
  deepenedLists: number;
  listedPairs: number;
  /** Pairs with a negative reduced cost, added as arcs for the next solve. */
  improvingPairs: number;
  matchedCount: number;
  totalWeight: number;
};

/** The optimum over the graph grown by the priced pairs, and whether it is certified. */
export type PricedOptimum = {
  /** Optimal on `graph`; `menteeArc` indexes `graph`'s arcs. */
  assignment: OptimalAssignment;
  /** The input graph with the added pairs after each mentee's own arcs. */
  graph: CandidateGraph;
  /** For each arc of `graph`: the input graph's arc, or -1 for an added pair. */
  inputArc: Int32Array;
  /**
   * True when no pair outside `graph` can improve the objective: the assignment is then
   * optimal (matched count, then total scaled score) for the unpruned problem.
   */
  isCertified: boolean;
  /** Why certification stopped short (absent when certified). */
  stoppedBy?: 'rounds' | 'scored pairs' | 'duals';
  /**
   * When not certified: mentees with an improving pair under the last duals, or whose scan
   * the score budget cut short; the left-out pairs of every other mentee are covered by the
   * certificate (0 when certified).
   */
  remainingMentees: number;
  /** Improving pairs found in the last pricing and not solved for. */
  remainingPairs: number;
  rounds: PricingRound[];
  arcsAdded: number;
  scoredPairs: number;
};

/**
 * Column generation over the pairs pruned from a top-k graph. After each exact solve the
 * duals (least mentor prices, mentee-driven form) price the pairs left out: a pair (i, j)
 * outside mentee i's list can only improve the objective when its reduced cost
 * `maxWeight − w_ij + p_j − π_i` is negative, and w_ij ≤ round(bound_i × scale), so only
 * mentors with `p_j < π_i − maxWeight + round(bound_i × scale)` are examined, cheapest first
 * (usually the few with room, at price 0). Those pairs are scored exactly (hard constraints
 * first); the improving ones become arcs, and the graph is solved again, until no pair is
 * improving: the duals then satisfy every reduced cost of the unpruned problem, which proves
 * its optimum. The scale and the dummy cost cover `[scoreFloor, max bound]`, so "more matched
 * first" holds for the pairs outside too. Deterministic: mentors by (price, index), mentees
 * by index, added arcs in the order found.
 */
export function pricePrunedPairs(
  input: CandidateGraph,
  prunedBound: Float64Array,
  source: PrunedPairSource,
  options: PricePrunedPairsOptions = {},
): PricedOptimum {
  const maxRounds = options.maxRounds ?? 20;
  const maxScoredPairs = options.maxScoredPairs ?? 20_000_000;
  const arcsPerMentee = Math.max(1, options.arcsPerMentee ?? 4);
  const { menteeCount, mentorCount } = input;
  let highestBound = -Infinity;
  for (const bound of prunedBound) if (bound > highestBound) highestBound = bound;
  const prunedScoreRange =
    highestBound === -Infinity
      ? undefined
      : {
          min: Math.min(source.scoreFloor, highestBound),
          max: highestBound,
          allIntegers: source.integerScores === true,
        };
  const cache = new PairScoreCache(mentorCount);
  const lists: ListState = {
    bound: prunedBound.slice(),
    deep: new Map(),
    deepenAbove: options.deepenAbove ?? 512,
  };
  const rounds: PricingRound[] = [];
  let graph = input;
  let inputArc: Int32Array = Int32Array.from({ length: input.arcStart[menteeCount]! }, (_, a) => a);
  let scoredPairs = 0;
  let arcsAdded = 0;
  for (;;) {
    const assignment = assignOptimal(graph, {
      ...options.assign,
      prunedScoreRange,
      keepDuals: true,
    });
    options.onSolved?.(assignment);
    const finish = (
      stoppedBy: PricedOptimum['stoppedBy'],
      remainingMentees: number,
      remainingPairs: number,
    ): PricedOptimum => ({
      assignment,
      graph,
      inputArc,
      isCertified: stoppedBy === undefined,
      ...(stoppedBy ? { stoppedBy } : {}),
      remainingMentees,
      remainingPairs,
      rounds,
      arcsAdded,
      scoredPairs,
    });
    if (!prunedScoreRange) return finish(undefined, 0, 0);
    if (!assignment.duals) return finish('duals', countFinite(prunedBound), 0);
    const fill = new Int32Array(mentorCount);
    for (const arc of assignment.menteeArc) if (arc >= 0) fill[graph.arcMentor[arc]!]!++;
    const priced = priceRound(graph, fill, source, assignment.duals, assignment.scale, {
      cache,
      lists,
      arcsPerMentee,
      scoreBudget: maxScoredPairs - scoredPairs,
    });
    scoredPairs += priced.round.scoredPairs;
    rounds.push({
      ...priced.round,
      matchedCount: assignment.matchedCount,
      totalWeight: assignment.totalWeight,
    });
    options.onRound?.(rounds.at(-1)!);
    if (priced.unfinishedMentees > 0) {
      return finish('scored pairs', priced.riskyMentees, priced.pairMentee.length);
    }
    if (priced.pairMentee.length === 0) return finish(undefined, 0, 0);
    if (rounds.length >= maxRounds) {
      return finish('rounds', priced.riskyMentees, priced.pairMentee.length);
    }
    ({ graph, inputArc } = addArcs(graph, inputArc, priced));
    arcsAdded += priced.pairMentee.length;
  }
}

type RoundContext = {
  cache: PairScoreCache;
  lists: ListState;
  arcsPerMentee: number;
  scoreBudget: number;
};

/** Each mentee's current bound and deeper list (kept across rounds). */
type ListState = {
  bound: Float64Array;
  deep: Map<number, BestMentors>;
  deepenAbove: number;
};

type PricedPairs = {
  round: Omit<PricingRound, 'matchedCount' | 'totalWeight'>;
  /** Improving pairs, by mentee index then in the order found. */
  pairMentee: number[];
  pairMentor: number[];
  pairScore: number[];
  /** Mentees whose scan the score budget cut short. */
  unfinishedMentees: number;
  /** Mentees with an improving pair found, or whose scan was cut short. */
  riskyMentees: number;
};

/** One pricing pass over every mentee with a finite bound. */
function priceRound(
  graph: CandidateGraph,
  fill: Int32Array,
  source: PrunedPairSource,
  duals: MenteeDuals,
  scale: number,
  { cache, lists, arcsPerMentee, scoreBudget }: RoundContext,
): PricedPairs {
  const { menteeCount, mentorCount, arcStart, arcMentor, mentorCapacity } = graph;
  const { menteePotential, mentorPrice, maxWeight } = duals;
  // A mentor without places can take no arc: it is never a candidate. Mentors with room
  // (price 0) come before full mentors of price 0: an improving pair to one of them is an
  // augmenting path by itself, and it unsettles only that mentor's places in the next
  // solve (with places driving, arcs to full mentors sent most places back to the search).
  const room = new Uint8Array(mentorCount);
  for (let j = 0; j < mentorCount; j++) room[j] = fill[j]! < mentorCapacity[j]! ? 1 : 0;
  const byPrice = Int32Array.from({ length: mentorCount }, (_, j) => j)
    .filter((j) => mentorCapacity[j]! > 0)
    .sort((a, b) => mentorPrice[a]! - mentorPrice[b]! || room[b]! - room[a]! || a - b);
  const sortedPrice = Float64Array.from(byPrice, (j) => mentorPrice[j]!);
  // End of the run of equal prices and room each position belongs to.
  const runEnd = new Int32Array(byPrice.length);
  for (let at = byPrice.length - 1; at >= 0; at--) {
    const next = at + 1;
    runEnd[at] =
      next < byPrice.length &&
      sortedPrice[next] === sortedPrice[at] &&
      room[byPrice[next]!] === room[byPrice[at]!]
        ? runEnd[next]!
        : next;
  }
  const listedBy = new Int32Array(mentorCount).fill(-1);
  const result: PricedPairs = {
    round: {
      flaggedMentees: 0,
      examinedPairs: 0,
      scoredPairs: 0,
      boundedPairs: 0,
      deepenedLists: 0,
      listedPairs: 0,
      improvingPairs: 0,
    },
    pairMentee: [],
    pairMentor: [],
    pairScore: [],
    unfinishedMentees: 0,
    riskyMentees: 0,
  };
  const { round } = result;
  for (let i = 0; i < menteeCount; i++) {
    let deep = lists.deep.get(i);
    if (lists.bound[i] === -Infinity && !deep) continue;
    const potential = menteePotential[i]!;
    // Candidates need p_j < limit; integers throughout, so the comparisons are exact.
    let limit = potential - maxWeight + Math.round(lists.bound[i]! * scale);
    const listed = arcStart[i + 1]! - arcStart[i]!;
    if (!deep && (byPrice.length === 0 || !(sortedPrice[0]! < limit))) continue;
    for (let a = arcStart[i]!; a < arcStart[i + 1]!; a++) listedBy[arcMentor[a]!] = i;
    let found = 0;
    let checked = 0;
    // Pairs of the deeper list have exact scores: each is checked on its own.
    const checkDeep = (from: number) => {
      for (let at = from; at < deep!.mentors.length && found < arcsPerMentee; at++) {
        const j = deep!.mentors[at]!;
        if (listedBy[j] === i || mentorCapacity[j]! <= 0) continue;
        const score = deep!.scores[at]!;
        if (maxWeight - Math.round(score * scale) + mentorPrice[j]! - potential < 0) {
          result.pairMentee.push(i);
          result.pairMentor.push(j);
          result.pairScore.push(score);
          round.improvingPairs++;
          found++;
        }
      }
      checked = deep!.mentors.length;
    };
    if (deep) {
      checkDeep(0);
      for (const j of deep.mentors) listedBy[j] = i;
    }
    if (found === 0 && (byPrice.length === 0 || !(sortedPrice[0]! < limit))) continue;
    round.flaggedMentees++;
    let cut = false;
    // A scan that examines many mentors without finding enough improving pairs stops, the
    // mentee's list is made twice as deep (its bound drops, so fewer mentors qualify) and the
    // scan starts again; mentees whose pairs improve at once (unmatched ones: any mentor with
    // room) are never deepened, which would not help them.
    for (;;) {
      let examined = 0;
      let wantsDeeper = false;
      const canDeepen = source.listBest !== undefined && lists.bound[i]! > -Infinity;
      // Mentors of one price are visited from a place that depends on the mentee: with the
      // same first ones for everybody, all mentees at risk got arcs to the same few mentors
      // with room (98,238 mentees on 4 mentors nationally) and one more round matched 4 more.
      scan: for (
        let start = 0;
        found < arcsPerMentee && start < byPrice.length && sortedPrice[start]! < limit;
      ) {
        const end = runEnd[start]!;
        const offset = hashKey(i) % (end - start);
        for (let step = 0; step < end - start; step++) {
          const at = start + ((offset + step) % (end - start));
          const j = byPrice[at]!;
          if (listedBy[j] === i) continue;
          if (canDeepen && ++examined > lists.deepenAbove) {
            wantsDeeper = true;
            break scan;
          }
          round.examinedPairs++;
          const base = maxWeight + sortedPrice[at]! - potential;
          let score = cache.get(i, j);
          if (score === undefined) {
            const upper = source.boundPair ? source.boundPair(i, j) : Infinity;
            if (Number.isNaN(upper)) {
              cache.set(i, j, NaN);
              continue;
            }
            if (upper !== Infinity && base - Math.round(upper * scale) >= 0) {
              round.boundedPairs++;
              continue;
            }
            if (round.scoredPairs >= scoreBudget) {
              result.unfinishedMentees++;
              cut = true;
              break scan;
            }
            score = source.scorePair(i, j);
            round.scoredPairs++;
            cache.set(i, j, score);
          }
          if (Number.isNaN(score)) continue;
          if (base - Math.round(score * scale) < 0) {
            result.pairMentee.push(i);
            result.pairMentor.push(j);
            result.pairScore.push(score);
            round.improvingPairs++;
            if (++found >= arcsPerMentee) break scan;
          }
        }
        start = end;
      }
      if (!wantsDeeper) break;
      const depth = Math.min(mentorCount, 2 * Math.max(listed, deep?.mentors.length ?? 0, 1));
      deep = source.listBest!(i, depth);
      lists.deep.set(i, deep);
      lists.bound[i] = deep.prunedBound;
      round.deepenedLists++;
      round.listedPairs += deep.mentors.length;
      checkDeep(checked);
      for (const j of deep.mentors) listedBy[j] = i;
      limit = potential - maxWeight + Math.round(lists.bound[i]! * scale);
    }
    if (found > 0 || cut) result.riskyMentees++;
  }
  return result;
}

/** The graph with the improving pairs appended to their mentees' arc lists. */
function addArcs(
  graph: CandidateGraph,
  inputArc: Int32Array,
  priced: PricedPairs,
): { graph: CandidateGraph; inputArc: Int32Array } {
  const { menteeCount, arcStart, arcMentor, arcScore } = graph;
  const added = priced.pairMentee.length;
  const nextStart = new Int32Array(menteeCount + 1);
  const nextMentor = new Int32Array(arcMentor.length + added);
  const nextScore = new Float64Array(arcMentor.length + added);
  const nextInput = new Int32Array(arcMentor.length + added);
  let out = 0;
  let p = 0;
  for (let i = 0; i < menteeCount; i++) {
    for (let a = arcStart[i]!; a < arcStart[i + 1]!; a++, out++) {
      nextMentor[out] = arcMentor[a]!;
      nextScore[out] = arcScore[a]!;
      nextInput[out] = inputArc[a]!;
    }
    for (; p < added && priced.pairMentee[p] === i; p++, out++) {
      nextMentor[out] = priced.pairMentor[p]!;
      nextScore[out] = priced.pairScore[p]!;
      nextInput[out] = -1;
    }
    nextStart[i + 1] = out;
  }
  return {
    graph: { ...graph, arcStart: nextStart, arcMentor: nextMentor, arcScore: nextScore },
    inputArc: nextInput,
  };
}

function countFinite(bounds: Float64Array): number {
  let count = 0;
  for (const bound of bounds) if (bound !== -Infinity) count++;
  return count;
}

/**
 * Exact scores already computed, so that a pair examined again in a later round (its duals
 * moved) is not scored twice: open addressing on `mentee × mentorCount + mentor`, 16 bytes an
 * entry, NaN for forbidden pairs.
 */
class PairScoreCache {
  private keys = new Float64Array(1024).fill(-1);
  private values = new Float64Array(1024);
  private size = 0;

  constructor(private readonly mentorCount: number) {}

  get(mentee: number, mentor: number): number | undefined {
    const key = mentee * this.mentorCount + mentor;
    const mask = this.keys.length - 1;
    for (let slot = hashKey(key) & mask; ; slot = (slot + 1) & mask) {
      const stored = this.keys[slot]!;
      if (stored === key) return this.values[slot]!;
      if (stored === -1) return undefined;
    }
  }

  set(mentee: number, mentor: number, score: number): void {
    if (2 * (this.size + 1) > this.keys.length) this.grow();
    this.insert(mentee * this.mentorCount + mentor, score);
  }

  private insert(key: number, score: number): void {
    const mask = this.keys.length - 1;
    let slot = hashKey(key) & mask;
    while (this.keys[slot] !== -1 && this.keys[slot] !== key) slot = (slot + 1) & mask;
    if (this.keys[slot] === -1) this.size++;
    this.keys[slot] = key;
    this.values[slot] = score;
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Float64Array(2 * keys.length).fill(-1);
    this.values = new Float64Array(2 * keys.length);
    this.size = 0;
    for (let slot = 0; slot < keys.length; slot++) {
      if (keys[slot] !== -1) this.insert(keys[slot]!, values[slot]!);
    }
  }
}

/** Mixes a key below 2^53 into 32 unsigned bits (both halves, then a multiplicative hash). */
function hashKey(key: number): number {
  const low = key >>> 0;
  const high = Math.floor(key / 4294967296);
  return (Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b) ^ (low >>> 15)) >>> 0;
}

export type ProfilePairSourceOptions = {
  excluded: ExcludedPairs;
  /** Pairs scoring below are not allowed (as when the candidate graph was built). */
  minScore?: number;
};

/**
 * The pairs of prepared profiles, by profile index: hard constraints (`checkPairAllowed`)
 * then the criteria of `scorePair`, added in `sumContributions` order, so that the scores are
 * those of the candidate graph bit for bit. The bound is every criterion but the text one
 * plus the text weight (a cosine is at most 1; the slack covers rounding); the exact score
 * asked right after the bound of the same pair only adds the cosine.
 */
export function createProfilePairSource(
  profiles: PreparedProfiles,
  context: ScoringContext,
  options: ProfilePairSourceOptions,
): PrunedPairSource {
  const { mentees, mentors } = profiles;
  const minScore = options.minScore ?? -Infinity;
  const similarity = new Float64Array(CRITERIA.length);
  const weights = context.weights;
  let tables: ScoringTables | undefined;
  let workspace: CandidateWorkspace | undefined;
  let workspaceK = 0;
  // The pair whose structured part was last summed, and that part (NaN: forbidden).
  let lastMentee = -1;
  let lastMentor = -1;
  let lastPartial = NaN;
  const sumStructured = (mentee: number, mentor: number): number => {
    if (mentee === lastMentee && mentor === lastMentor) return lastPartial;
    const e = mentees[mentee]!;
    const m = mentors[mentor]!;
    let partial = NaN;
    if (checkPairAllowed(e, m, options.excluded) === null) {
      measureStructuredCriteria(e, m, similarity);
      partial = 0;
      for (let k = 0; k < TEXT_CRITERION; k++) partial += weights[k]! * similarity[k]!;
    }
    lastMentee = mentee;
    lastMentor = mentor;
    lastPartial = partial;
    return partial;
  };
  return {
    scoreFloor: Math.max(0, options.minScore ?? 0),
    scorePair: (mentee, mentor) => {
      const partial = sumStructured(mentee, mentor);
      if (Number.isNaN(partial)) return NaN;
      const cosine = measureCosine(mentees[mentee]!.text, mentors[mentor]!.text);
      const score = partial + weights[TEXT_CRITERION]! * cosine;
      return score < minScore ? NaN : score;
    },
    boundPair: (mentee, mentor) =>
      sumStructured(mentee, mentor) + weights[TEXT_CRITERION]! * (1 + 1e-9) + 1e-12,
    listBest: (mentee, k) => {
      // The tables are built on first use: most instances never need a deeper list.
      tables ??= buildScoringTables(profiles, context, options.excluded);
      if (!workspace || workspaceK < k) {
        workspace = createCandidateWorkspace(tables, k);
        workspaceK = k;
      }
      const list = findCandidates(tables, mentee, { k, minScore: options.minScore }, workspace);
      return { mentors: list.mentors, scores: list.scores, prunedBound: list.prunedBound };
    },
  };
}
