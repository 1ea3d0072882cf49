import { solveIfComplete } from './assign-dense.ts';
import type { GraphAssignment } from './assignment.ts';
import { summariseAssignment } from './assignment.ts';
import type { CandidateGraph } from './candidate-graph.ts';
import { countArcs, indexByMentor } from './candidate-graph.ts';
import type { AuctionResult } from './price-by-auction.ts';
import { bidByAuction, roundAuctionPrices } from './price-by-auction.ts';
import { countMaximumMatching } from './count-maximum-matching.ts';
import { IndexHeap } from './index-heap.ts';
import type { ScoreRange } from './scale-scores.ts';
import { chooseScoreScale, scaleScores, unassignedCost } from './scale-scores.ts';
import type { TransportProblem, TransportSolution, TransportStats } from './solve-transport.ts';
import { solveTransport, verifyTransportOptimality } from './solve-transport.ts';

/**
 * Dense rows make every bid scan a long list while shortest paths there stay short: above
 * this mean number of candidates per mentee, the auction does not pay (measured on 3,000²).
 */
const AUCTION_MAX_DEGREE = 128;
/**
 * Up to this ratio of places to mentees, a maximum-matching count (about 2 s at 5 M arcs)
 * tells whether places are scarce in effect; above it, shortest paths from mentees are quick.
 */
const NEAR_EXACT_CAPACITY = 1.1;

/** Which side's units are augmented one by one; the other side's units are the targets. */
export type DrivingSide = 'mentees' | 'mentors' | 'auto';

export type AssignOptimalOptions = {
  drivingSide?: DrivingSide;
  /** Check the dual certificate before returning (linear time); on by default. */
  verify?: boolean;
  onProgress?: (settled: number, total: number) => void;
  /**
   * For graphs pruned to top-k candidates: per mentee, the best score any left-out mentor
   * could have (-Infinity when none was left out). The dual certificate is then extended to
   * the left-out pairs to tell whether pruning could have cost optimality.
   */
  prunedBound?: Float64Array;
  /**
   * `auction` (default): at exact capacity, start the exact phase from an ε-scaling
   * auction's prices (see decision 0103). `none`: shortest paths from zero prices only.
   */
  warmStart?: 'auction' | 'none';
  /**
   * Where the scores of pairs left out of the graph lie (sparse path): the scale and the
   * dummy cost are chosen as if such scores were present, so that duals extended to those
   * pairs still put "more matched" first. A complete graph (dense path) leaves nothing out.
   */
  prunedScoreRange?: ScoreRange;
  /** Return the duals (`duals`) for pricing pairs outside the graph. */
  keepDuals?: boolean;
};

/**
 * Dual values of an optimal assignment in the mentee-driven form, lowered to the least mentor
 * prices (see `readLeastDuals`): arc (i, j) of weight w has reduced cost `maxWeight − w +
 * mentorPrice[j] − menteePotential[i]` ≥ 0, and an unmatched mentee has potential `dummyCost`.
 * A pair outside the graph with a negative reduced cost could improve the objective.
 */
export type MenteeDuals = {
  readonly menteePotential: Float64Array;
  readonly mentorPrice: Float64Array;
  readonly maxWeight: number;
  readonly dummyCost: number;
};

/** The optimal assignment with what proves it. */
export type OptimalAssignment = GraphAssignment & {
  /** Integer total of the scaled scores: exact, unlike `totalScore`. */
  readonly totalWeight: number;
  /** Scores were multiplied by this and rounded before solving. */
  readonly scale: number;
  readonly drivingSide: Exclude<DrivingSide, 'auto'>;
  /** `dense`: a complete graph with unit capacities, solved on a weight matrix (decision 0103). */
  readonly solver: 'dense' | 'sparse';
  /** True when the dual certificate was checked and holds. */
  readonly isProvenOptimal: boolean;
  readonly stats: TransportStats;
  /**
   * Mentees for whom the certificate does not cover the pairs left out by pruning; 0 means
   * the assignment is optimal for the unpruned problem too. Absent without `prunedBound`.
   */
  readonly menteesAtPruningRisk?: number;
  /** With `keepDuals`: the checked duals, or null when they could not be put in that form. */
  readonly duals?: MenteeDuals | null;
};

/**
 * Maximum number of matched mentees, then maximum total score, exactly, with mentor
 * capacities. Scores are scaled to integers; the dual values are checked (unless disabled)
 * so the result carries a proof of optimality.
 */
export function assignOptimal(
  graph: CandidateGraph,
  options: AssignOptimalOptions = {},
): OptimalAssignment {
  let totalCapacity = 0;
  for (let j = 0; j < graph.mentorCount; j++) totalCapacity += graph.mentorCapacity[j]!;
  const matchableBound = Math.min(graph.menteeCount, totalCapacity);
  const isAutoSide = options.drivingSide === undefined || options.drivingSide === 'auto';
  // The dense path chooses its own scale: integer scores are solved on before they are read.
  const dense = isAutoSide ? solveIfComplete(graph, matchableBound) : null;
  const scoreScale =
    dense?.scoreScale ?? chooseScoreScale(graph, matchableBound, options.prunedScoreRange);
  const dummyCost = unassignedCost(scoreScale, matchableBound);
  // At exact capacity, where shortest paths are slow (few free places to reach late on), an
  // auction among mentees finds near-optimal prices fast: mentees are distinct bidders and a
  // mentor's places are similar objects, which auctions handle well. With scarce places the
  // mentees left out would wage a price war; with ample places shortest paths are quick.
  const usesAuction =
    totalCapacity === graph.menteeCount &&
    countArcs(graph) <= AUCTION_MAX_DEGREE * graph.menteeCount &&
    (options.warmStart ?? 'auction') === 'auction' &&
    options.drivingSide !== 'mentors';
  // The auction's prices left every row tight when mentees drive (one row was not when
  // places drove, and repairing it sent 38 % of the rows back to the search): mentees drive.
  const isAuto = (options.drivingSide ?? 'auto') === 'auto';
  let drivingSide =
    usesAuction && isAuto
      ? 'mentees'
      : chooseDrivingSide(graph, totalCapacity, options.drivingSide ?? 'auto');

  const shouldVerify = options.verify ?? true;
  // The dense path reads its weights from the scores; only the sparse path needs
  // the scaled weights of every arc.
  const scaled = dense ? null : scaleScores(graph, matchableBound, scoreScale);
  let solution: TransportSolution;
  let menteeArc: Int32Array;
  let auction: AuctionResult | null = null;
  if (dense) {
    solution = dense.solution;
    menteeArc = dense.solution.rowArc;
  } else {
    const { weight, maxWeight } = scaled!;
    // A few places more than mentees, yet some mentees cannot be matched (the national
    // profile graph: 100,127 places, 99,362 matchable): the places are scarce in effect, and
    // mentees driving took 6.6 × as long as places (decision 0103).
    if (
      isAuto &&
      drivingSide === 'mentees' &&
      !usesAuction &&
      totalCapacity <= NEAR_EXACT_CAPACITY * graph.menteeCount &&
      countArcs(graph) <= AUCTION_MAX_DEGREE * graph.menteeCount &&
      countMaximumMatching(graph) < graph.menteeCount
    ) {
      drivingSide = 'mentors';
    }
    const menteeProblem =
      drivingSide === 'mentees' || usesAuction
        ? buildMenteeDrivenProblem(graph, weight, maxWeight, dummyCost)
        : null;
    auction = usesAuction ? bidByAuction(menteeProblem!.problem) : null;
    // An auction that gave up met mentees who cannot all be matched: places drive then, as
    // when they are fewer than mentees.
    if (usesAuction && !auction && isAuto) drivingSide = 'mentors';
    const problem =
      drivingSide === 'mentees'
        ? menteeProblem!
        : buildMentorDrivenProblem(graph, weight, maxWeight, dummyCost);
    const warmStart = auction
      ? {
          initialPrice: roundAuctionPrices(menteeProblem!.problem, auction),
          initialColumn: auction.rowColumn,
        }
      : {};
    solution = solveTransport(problem.problem, { onProgress: options.onProgress, ...warmStart });
    if (shouldVerify) {
      const violation = verifyTransportOptimality(problem.problem, solution);
      if (violation) throw new Error(`optimality certificate failed: ${violation}`);
    }
    menteeArc = problem.readMenteeArcs(solution);
  }
  const duals =
    options.prunedBound || options.keepDuals
      ? readLeastDuals(
          graph,
          (scaled ?? scaleScores(graph, matchableBound, scoreScale)).weight,
          scoreScale.maxWeight,
          dummyCost,
          dense ? 'mentees' : drivingSide,
          solution,
          menteeArc,
        )
      : null;
  const menteesAtPruningRisk = options.prunedBound
    ? countPruningRisks(graph, options.prunedBound, scoreScale.scale, duals)
    : undefined;
  let totalWeight = 0;
  for (let i = 0; i < graph.menteeCount; i++) {
    const arc = menteeArc[i]!;
    if (arc >= 0)
      totalWeight += scaled
        ? scaled.weight[arc]!
        : Math.round(graph.arcScore[arc]! * scoreScale.scale);
  }
  return {
    ...summariseAssignment(graph, menteeArc),
    totalWeight,
    scale: scoreScale.scale,
    drivingSide: dense ? 'mentees' : drivingSide,
    solver: dense ? 'dense' : 'sparse',
    isProvenOptimal: dense ? true : shouldVerify,
    stats: auction ? { ...solution.stats, auctionBids: auction.bids } : solution.stats,
    ...(menteesAtPruningRisk === undefined ? {} : { menteesAtPruningRisk }),
    ...(options.keepDuals ? { duals } : {}),
  };
}

/**
 * A left-out pair (i, j) has cost at least `leastCost_i = maxWeight - round(bound_i × scale)`;
 * the certificate extends to it when its reduced cost is non-negative. The duals are read in
 * the mentee-driven form (mentee potential π_i, mentor price p_j ≥ 0) and lowered to the
 * least prices any optimal dual allows (`lowerToLeastPrices`), which makes every potential as
 * low as it can be; a mentee is covered when `leastCost_i + min p_j ≥ π_i`, the minimum over
 * the mentors outside its list (any of them may have been left out). The largest place
 * potential of all, used before when places drove, counted 98 % of national mentees at risk.
 * (Sound as long as left-out scores are not below the graph's lowest, or within
 * `prunedScoreRange`: the dummy cost only puts "more matched" first within that range. The
 * exact answer is `pricePrunedPairs`, decision 0107.)
 */
function countPruningRisks(
  graph: CandidateGraph,
  prunedBound: Float64Array,
  scale: number,
  duals: MenteeDuals | null,
): number {
  const { menteeCount, mentorCount } = graph;
  if (!duals) {
    let pruned = 0;
    for (const bound of prunedBound) if (bound !== -Infinity) pruned++;
    return pruned;
  }
  const { menteePotential: potential, mentorPrice: price, maxWeight } = duals;
  // Mentors by increasing price: the cheapest mentor outside a list is among its first
  // (list length + 1) entries.
  const byPrice = Int32Array.from({ length: mentorCount }, (_, j) => j).sort(
    (a, b) => price[a]! - price[b]!,
  );
  const listedBy = new Int32Array(mentorCount).fill(-1);
  let risks = 0;
  for (let i = 0; i < menteeCount; i++) {
    const bound = prunedBound[i]!;
    if (bound === -Infinity) continue;
    for (let a = graph.arcStart[i]!; a < graph.arcStart[i + 1]!; a++) {
      listedBy[graph.arcMentor[a]!] = i;
    }
    let cheapestOutside = Infinity;
    for (const j of byPrice) {
      if (listedBy[j] !== i) {
        cheapestOutside = price[j]!;
        break;
      }
    }
    const leastCost = maxWeight - Math.round(bound * scale);
    if (leastCost + cheapestOutside < potential[i]!) risks++;
  }
  return risks;
}

/**
 * The duals of the solution in the mentee-driven form at the least mentor prices, checked
 * against the graph (null if the check fails, which a correct solver never gives).
 */
function readLeastDuals(
  graph: CandidateGraph,
  weight: Float64Array,
  maxWeight: number,
  dummyCost: number,
  drivingSide: 'mentees' | 'mentors',
  solution: TransportSolution,
  menteeArc: Int32Array,
): MenteeDuals | null {
  const { menteeCount, mentorCount } = graph;
  const startPrice = new Float64Array(mentorCount);
  if (drivingSide === 'mentees') {
    startPrice.set(solution.columnPrice.subarray(0, mentorCount));
  } else {
    // Places drove (rows = places mentor by mentor, columns = mentees, duals u and v): the
    // price dummy − max u over a mentor's places keeps every reduced cost c + p_j − (c_own +
    // p_own) ≥ 0, since c_own + v = u of the used place. A mentor without places is never
    // used; the dummy cost prices it above any potential.
    let row = 0;
    for (let j = 0; j < mentorCount; j++) {
      let highest = -Infinity;
      for (let k = 0; k < graph.mentorCapacity[j]!; k++) {
        highest = Math.max(highest, solution.rowPotential[row++]!);
      }
      startPrice[j] = highest === -Infinity ? dummyCost : dummyCost - highest;
    }
  }
  const price = lowerToLeastPrices(graph, weight, maxWeight, dummyCost, menteeArc, startPrice);
  const potential = new Float64Array(menteeCount);
  for (let i = 0; i < menteeCount; i++) {
    const arc = menteeArc[i]!;
    potential[i] = arc < 0 ? dummyCost : maxWeight - weight[arc]! + price[graph.arcMentor[arc]!]!;
  }
  // Only a certificate that holds may be extended: check it (linear time) before trusting it.
  if (!isMenteeCertificateValid(graph, weight, maxWeight, dummyCost, menteeArc, potential, price)) {
    return null;
  }
  return { menteePotential: potential, mentorPrice: price, maxWeight, dummyCost };
}

/**
 * The least mentor prices of any dual certificate of this assignment (mentee-driven form,
 * potentials tight on used arcs). Lowering mentor j by d_j lowers its mentees' potentials by
 * d_j, which lets a mentor j' they could move to drop by d_j + (their reduced cost to j');
 * an unmatched mentee keeps the dummy cost as potential, and prices stay ≥ 0. The largest
 * decreases are thus shortest distances (reduced costs are ≥ 0, so Dijkstra), from sources
 * at distance p_j for each mentor and at 0 for each unmatched mentee.
 */
function lowerToLeastPrices(
  graph: CandidateGraph,
  weight: Float64Array,
  maxWeight: number,
  dummyCost: number,
  menteeArc: Int32Array,
  startPrice: Float64Array,
): Float64Array {
  const { menteeCount, mentorCount, arcStart, arcMentor } = graph;
  const decrease = startPrice.slice();
  for (let i = 0; i < menteeCount; i++) {
    if (menteeArc[i]! >= 0) continue;
    for (let a = arcStart[i]!; a < arcStart[i + 1]!; a++) {
      const j = arcMentor[a]!;
      decrease[j] = Math.min(decrease[j]!, maxWeight - weight[a]! + startPrice[j]! - dummyCost);
    }
  }
  const holderStart = new Int32Array(mentorCount + 1);
  for (let i = 0; i < menteeCount; i++) {
    if (menteeArc[i]! >= 0) holderStart[arcMentor[menteeArc[i]!]! + 1]!++;
  }
  for (let j = 0; j < mentorCount; j++) holderStart[j + 1]! += holderStart[j]!;
  const cursor = holderStart.slice(0, mentorCount);
  const holder = new Int32Array(holderStart[mentorCount]!);
  for (let i = 0; i < menteeCount; i++) {
    if (menteeArc[i]! >= 0) holder[cursor[arcMentor[menteeArc[i]!]!]!++] = i;
  }
  const heap = new IndexHeap(mentorCount, decrease);
  for (let j = 0; j < mentorCount; j++) heap.pushOrDecrease(j);
  const settled = new Uint8Array(mentorCount);
  while (!heap.isEmpty) {
    const j = heap.pop();
    settled[j] = 1;
    for (let h = holderStart[j]!; h < holderStart[j + 1]!; h++) {
      const i = holder[h]!;
      const own = menteeArc[i]!;
      const base = decrease[j]! - (maxWeight - weight[own]!) - startPrice[j]!;
      for (let a = arcStart[i]!; a < arcStart[i + 1]!; a++) {
        const next = arcMentor[a]!;
        if (settled[next]) continue;
        const reached = base + maxWeight - weight[a]! + startPrice[next]!;
        if (reached < decrease[next]!) {
          decrease[next] = reached;
          heap.pushOrDecrease(next);
        }
      }
    }
  }
  const price = new Float64Array(mentorCount);
  for (let j = 0; j < mentorCount; j++) price[j] = startPrice[j]! - decrease[j]!;
  return price;
}

/**
 * The conditions of `verifyTransportOptimality` for the mentee-driven problem, on the graph:
 * reduced costs ≥ 0 and 0 on used arcs, potentials at most the dummy cost and equal to it
 * for unmatched mentees, prices ≥ 0 and 0 on mentors with room.
 */
function isMenteeCertificateValid(
  graph: CandidateGraph,
  weight: Float64Array,
  maxWeight: number,
  dummyCost: number,
  menteeArc: Int32Array,
  potential: Float64Array,
  price: Float64Array,
): boolean {
  const fill = new Int32Array(graph.mentorCount);
  for (let i = 0; i < graph.menteeCount; i++) {
    const own = menteeArc[i]!;
    if (potential[i]! > dummyCost || (own < 0 && potential[i] !== dummyCost)) return false;
    if (own >= 0) fill[graph.arcMentor[own]!]!++;
    for (let a = graph.arcStart[i]!; a < graph.arcStart[i + 1]!; a++) {
      const reduced = maxWeight - weight[a]! + price[graph.arcMentor[a]!]! - potential[i]!;
      if (reduced < 0 || (a === own && reduced !== 0)) return false;
    }
  }
  for (let j = 0; j < graph.mentorCount; j++) {
    if (!(price[j]! >= 0) || (price[j]! > 0 && fill[j]! < graph.mentorCapacity[j]!)) return false;
  }
  return true;
}

/**
 * Mentor places drive when they are no more numerous than mentees: each place then finds a
 * mentee quickly, and places are unit rows for which the auction warm start applies (which
 * also makes the exact-capacity case faster, as measured). With ample places, mentees drive.
 */
function chooseDrivingSide(
  graph: CandidateGraph,
  totalCapacity: number,
  requested: DrivingSide,
): Exclude<DrivingSide, 'auto'> {
  if (requested !== 'auto') return requested;
  return totalCapacity <= graph.menteeCount ? 'mentors' : 'mentees';
}

type BuiltProblem = {
  problem: TransportProblem;
  readMenteeArcs: (solution: TransportSolution) => Int32Array;
};

/**
 * The problem with one row per mentee over the graph's own arc lists (costs = maxWeight −
 * weight); exported for the bench that times the auction on its own.
 */
export function buildMenteeDrivenProblem(
  graph: CandidateGraph,
  weight: Float64Array,
  maxWeight: number,
  dummyCost: number,
): BuiltProblem {
  const arcCost = new Float64Array(weight.length);
  for (let a = 0; a < weight.length; a++) arcCost[a] = maxWeight - weight[a]!;
  const rowAdjacency = new Int32Array(graph.menteeCount);
  for (let i = 0; i < graph.menteeCount; i++) rowAdjacency[i] = i;
  return {
    problem: {
      rowCount: graph.menteeCount,
      rowAdjacency,
      adjacencyStart: graph.arcStart,
      arcColumn: graph.arcMentor,
      arcCost,
      columnCount: graph.mentorCount,
      columnCapacity: graph.mentorCapacity,
      dummyCost,
    },
    readMenteeArcs: (solution) => solution.rowArc,
  };
}

/** Each mentor place becomes a row sharing its mentor's arc list; mentees are unit columns. */
function buildMentorDrivenProblem(
  graph: CandidateGraph,
  weight: Float64Array,
  maxWeight: number,
  dummyCost: number,
): BuiltProblem {
  const index = indexByMentor(graph);
  const arcCount = countArcs(graph);
  const arcColumn = new Int32Array(arcCount);
  const arcCost = new Float64Array(arcCount);
  for (let b = 0; b < arcCount; b++) {
    const arc = index.arcOfMentor[b]!;
    arcColumn[b] = index.arcMentee[arc]!;
    arcCost[b] = maxWeight - weight[arc]!;
  }
  let placeCount = 0;
  for (let j = 0; j < graph.mentorCount; j++) placeCount += graph.mentorCapacity[j]!;
  const rowAdjacency = new Int32Array(placeCount);
  let row = 0;
  for (let j = 0; j < graph.mentorCount; j++) {
    for (let k = 0; k < graph.mentorCapacity[j]!; k++) rowAdjacency[row++] = j;
  }
  return {
    problem: {
      rowCount: placeCount,
      rowAdjacency,
      adjacencyStart: index.mentorArcStart,
      arcColumn,
      arcCost,
      columnCount: graph.menteeCount,
      columnCapacity: new Int32Array(graph.menteeCount).fill(1),
      dummyCost,
    },
    readMenteeArcs: (solution) => {
      const menteeArc = new Int32Array(graph.menteeCount).fill(-1);
      for (let place = 0; place < placeCount; place++) {
        const arc = solution.rowArc[place]!;
        if (arc >= 0) menteeArc[arcColumn[arc]!] = index.arcOfMentor[arc]!;
      }
      return menteeArc;
    },
  };
}
