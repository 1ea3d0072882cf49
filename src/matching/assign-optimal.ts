import type { GraphAssignment } from './assignment.ts';
import { summariseAssignment } from './assignment.ts';
import type { CandidateGraph } from './candidate-graph.ts';
import { countArcs, indexByMentor } from './candidate-graph.ts';
import type { AuctionResult } from './price-by-auction.ts';
import { bidByAuction, roundAuctionPrices } from './price-by-auction.ts';
import { scaleScores } from './scale-scores.ts';
import type { TransportProblem, TransportSolution, TransportStats } from './solve-transport.ts';
import { solveDenseAssignment } from './solve-dense-assignment.ts';
import { solveTransport, verifyTransportOptimality } from './solve-transport.ts';

/**
 * Dense rows make every bid scan a long list while shortest paths there stay short: above
 * this mean number of candidates per mentee, the auction does not pay (measured on 3,000²).
 */
const AUCTION_MAX_DEGREE = 128;

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
};

/** The optimal assignment with what proves it. */
export type OptimalAssignment = GraphAssignment & {
  /** Integer total of the scaled scores: exact, unlike `totalScore`. */
  readonly totalWeight: number;
  /** Scores were multiplied by this and rounded before solving. */
  readonly scale: number;
  readonly drivingSide: Exclude<DrivingSide, 'auto'>;
  /** `dense`: a complete graph with unit capacities, solved on a cost matrix (decision 0103). */
  readonly solver: 'dense' | 'sparse';
  /** True when the dual certificate was checked and holds. */
  readonly isProvenOptimal: boolean;
  readonly stats: TransportStats;
  /**
   * Mentees for whom the certificate does not cover the pairs left out by pruning; 0 means
   * the assignment is optimal for the unpruned problem too. Absent without `prunedBound`.
   */
  readonly menteesAtPruningRisk?: number;
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
  const scaled = scaleScores(graph, matchableBound);
  const costRange = scaled.maxWeight - scaled.minWeight;
  // Matching one more mentee must beat any change in total cost among the others.
  const dummyCost = matchableBound * costRange + 1;
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
  const drivingSide =
    usesAuction && (options.drivingSide ?? 'auto') === 'auto'
      ? 'mentees'
      : chooseDrivingSide(graph, totalCapacity, options.drivingSide ?? 'auto');

  const shouldVerify = options.verify ?? true;
  const dense =
    options.drivingSide === undefined || options.drivingSide === 'auto'
      ? solveIfComplete(graph, scaled.weight, scaled.maxWeight, dummyCost)
      : null;
  let solution: TransportSolution;
  let menteeArc: Int32Array;
  let auction: AuctionResult | null = null;
  if (dense) {
    solution = dense.solution;
    menteeArc = dense.solution.rowArc;
  } else {
    const menteeProblem =
      drivingSide === 'mentees' || usesAuction
        ? buildMenteeDrivenProblem(graph, scaled.weight, scaled.maxWeight, dummyCost)
        : null;
    const problem =
      drivingSide === 'mentees'
        ? menteeProblem!
        : buildMentorDrivenProblem(graph, scaled.weight, scaled.maxWeight, dummyCost);
    auction = usesAuction ? bidByAuction(menteeProblem!.problem) : null;
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
  const menteesAtPruningRisk = options.prunedBound
    ? countPruningRisks(
        graph,
        options.prunedBound,
        scaled.scale,
        scaled.maxWeight,
        dummyCost,
        dense ? 'mentees' : drivingSide,
        solution,
      )
    : undefined;
  let totalWeight = 0;
  for (let i = 0; i < graph.menteeCount; i++) {
    if (menteeArc[i]! >= 0) totalWeight += scaled.weight[menteeArc[i]!]!;
  }
  return {
    ...summariseAssignment(graph, menteeArc),
    totalWeight,
    scale: scaled.scale,
    drivingSide: dense ? 'mentees' : drivingSide,
    solver: dense ? 'dense' : 'sparse',
    isProvenOptimal: dense ? true : shouldVerify,
    stats: auction ? { ...solution.stats, auctionBids: auction.bids } : solution.stats,
    ...(menteesAtPruningRisk === undefined ? {} : { menteesAtPruningRisk }),
  };
}

/**
 * A left-out pair (i, j) has cost at least `leastCost_i = maxWeight - round(bound_i × scale)`;
 * the certificate extends to it when its reduced cost is non-negative. The duals are read in
 * the mentee-driven form (mentee potential π_i, mentor price p_j ≥ 0): a mentee is covered
 * when `leastCost_i + min p_j ≥ π_i`, the minimum over the mentors outside its list (any of
 * them may have been left out). When places drove (rows = places, columns = mentees, duals
 * u_place and v_i), π_i = dummy − v_i and p_j = dummy − max u over j's places: the test is
 * then exactly `cost + v_i − u_place ≥ 0` for every place of every mentor outside the list,
 * so it is as tight as these duals allow and stays sound (the largest row potential of all,
 * used before, counted 98 % of the national mentees at risk).
 */
function countPruningRisks(
  graph: CandidateGraph,
  prunedBound: Float64Array,
  scale: number,
  maxWeight: number,
  dummyCost: number,
  drivingSide: 'mentees' | 'mentors',
  solution: TransportSolution,
): number {
  const { menteeCount, mentorCount } = graph;
  const potential = new Float64Array(menteeCount);
  const price = new Float64Array(mentorCount);
  if (drivingSide === 'mentees') {
    potential.set(solution.rowPotential.subarray(0, menteeCount));
    price.set(solution.columnPrice.subarray(0, mentorCount));
  } else {
    for (let i = 0; i < menteeCount; i++) potential[i] = dummyCost - solution.columnPrice[i]!;
    // Rows are the places, mentor by mentor (see buildMentorDrivenProblem); a mentor without
    // places keeps price +∞: no pair with it can be used.
    let row = 0;
    for (let j = 0; j < mentorCount; j++) {
      let highest = -Infinity;
      for (let k = 0; k < graph.mentorCapacity[j]!; k++) {
        highest = Math.max(highest, solution.rowPotential[row++]!);
      }
      price[j] = dummyCost - highest;
    }
  }
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

function buildMenteeDrivenProblem(
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

/** Largest complete graph solved by the dense path (cost matrix of 4 bytes per pair). */
const DENSE_MAX_PAIRS = 25_000_000;

/**
 * Complete graphs with unit capacities go to the dense Jonker–Volgenant solver, on a flat
 * cost matrix whose rows are the smaller side. Its duals are mapped to the mentee-driven
 * problem and checked by the same certificate as the sparse path (always, since the check is
 * what lets a failure fall back to the sparse path instead of returning a wrong answer).
 */
function solveIfComplete(
  graph: CandidateGraph,
  weight: Float64Array,
  maxWeight: number,
  dummyCost: number,
): { solution: TransportSolution } | null {
  const { menteeCount, mentorCount } = graph;
  const pairCount = menteeCount * mentorCount;
  if (menteeCount < 2 || mentorCount < 2 || pairCount > DENSE_MAX_PAIRS) return null;
  if (countArcs(graph) !== pairCount) return null;
  for (let j = 0; j < mentorCount; j++) if (graph.mentorCapacity[j] !== 1) return null;
  let minWeight = Infinity;
  for (let a = 0; a < weight.length; a++) minWeight = Math.min(minWeight, weight[a]!);
  if (maxWeight - minWeight > 2 ** 31 - 1) return null;

  // Rows of the matrix are mentees unless mentors are fewer.
  const menteeRows = menteeCount <= mentorCount;
  const columnCount = menteeRows ? mentorCount : menteeCount;
  const cost = new Int32Array(pairCount).fill(-1);
  const arcOfPair = new Int32Array(pairCount);
  for (let i = 0; i < menteeCount; i++) {
    for (let a = graph.arcStart[i]!; a < graph.arcStart[i + 1]!; a++) {
      const j = graph.arcMentor[a]!;
      const at = menteeRows ? i * columnCount + j : j * columnCount + i;
      if (cost[at] !== -1) return null;
      cost[at] = maxWeight - weight[a]!;
      arcOfPair[at] = a;
    }
  }
  const dense = solveDenseAssignment({
    rowCount: menteeRows ? menteeCount : mentorCount,
    columnCount,
    cost,
  });

  const rowArc = new Int32Array(menteeCount).fill(-1);
  const rowColumn = new Int32Array(menteeCount).fill(-1);
  const rowPotential = new Float64Array(menteeCount);
  const columnPrice = new Float64Array(mentorCount);
  if (menteeRows) {
    // Square: every mentor is taken, so shift prices to be non-negative; otherwise free
    // mentors kept dual 0 and every other dual is ≤ 0.
    let shift = 0;
    if (menteeCount === mentorCount) for (const v of dense.columnDual) shift = Math.max(shift, v);
    for (let j = 0; j < mentorCount; j++) columnPrice[j] = shift - dense.columnDual[j]!;
    for (let i = 0; i < menteeCount; i++) {
      const j = dense.rowColumn[i]!;
      rowColumn[i] = j;
      rowArc[i] = arcOfPair[i * columnCount + j]!;
      rowPotential[i] = dense.rowDual[i]! + shift;
    }
  } else {
    // Mentors are the rows: all are taken; a mentee left out has dual 0 and sits at the
    // dummy cost.
    for (let i = 0; i < menteeCount; i++) rowPotential[i] = dummyCost + dense.columnDual[i]!;
    for (let j = 0; j < mentorCount; j++) {
      const i = dense.rowColumn[j]!;
      columnPrice[j] = dummyCost - dense.rowDual[j]!;
      rowColumn[i] = j;
      rowArc[i] = arcOfPair[j * columnCount + i]!;
    }
  }
  if (
    !isDenseCertificateValid(
      cost,
      columnCount,
      menteeRows,
      rowColumn,
      rowPotential,
      columnPrice,
      dummyCost,
    )
  ) {
    return null;
  }
  const solution: TransportSolution = {
    rowColumn,
    rowArc,
    rowPotential,
    columnPrice,
    stats: { warmStartRows: 0, searches: 0, scannedColumns: 0 },
  };
  return { solution };
}

/**
 * The conditions of `verifyTransportOptimality` for the mentee-driven problem, checked on the
 * cost matrix (every pair is an arc, so this is the same certificate without building the
 * arc lists): reduced costs ≥ 0 and 0 on used pairs, prices ≥ 0 and 0 on free mentors,
 * potentials at most the dummy cost and equal to it for unmatched mentees, one mentee per
 * mentor.
 */
function isDenseCertificateValid(
  cost: Int32Array,
  columnCount: number,
  menteeRows: boolean,
  rowColumn: Int32Array,
  rowPotential: Float64Array,
  columnPrice: Float64Array,
  dummyCost: number,
): boolean {
  const menteeCount = rowPotential.length;
  const mentorCount = columnPrice.length;
  const taken = new Uint8Array(mentorCount);
  for (let i = 0; i < menteeCount; i++) {
    const potential = rowPotential[i]!;
    if (potential > dummyCost) return false;
    const own = rowColumn[i]!;
    if (own < 0) {
      if (potential !== dummyCost) return false;
    } else {
      if (taken[own]) return false;
      taken[own] = 1;
    }
    for (let j = 0; j < mentorCount; j++) {
      const at = menteeRows ? i * columnCount + j : j * columnCount + i;
      const reduced = cost[at]! + columnPrice[j]! - potential;
      if (reduced < 0 || (j === own && reduced !== 0)) return false;
    }
  }
  for (let j = 0; j < mentorCount; j++) {
    if (columnPrice[j]! < 0 || (columnPrice[j]! > 0 && !taken[j])) return false;
  }
  return true;
}
