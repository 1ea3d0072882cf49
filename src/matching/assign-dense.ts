import type { CandidateGraph } from './candidate-graph.ts';
import { countArcs } from './candidate-graph.ts';
import type { ScoreScale } from './scale-scores.ts';
import {
  chooseScaleFromExtremes,
  chooseScoreScale,
  scaleScores,
  unassignedCost,
} from './scale-scores.ts';
import type { DenseAssignment } from './solve-dense-assignment.ts';
import { solveDenseAssignment } from './solve-dense-assignment.ts';
import type { TransportSolution } from './solve-transport.ts';

/** Largest complete graph solved by the dense path (a matrix of 8 bytes a pair at most). */
const DENSE_MAX_PAIRS = 25_000_000;

/** A dense solution in the mentee-driven form, with the scale its weights were taken at. */
export type DenseResult = { solution: TransportSolution; scoreScale: ScoreScale };

/**
 * Complete graphs with unit capacities go to the dense Jonker–Volgenant solver, on a flat
 * matrix of integer weights whose rows are the smaller side; null for other graphs, or when
 * the certificate fails (the caller then takes the sparse path instead of returning a wrong
 * answer). The duals are mapped to the mentee-driven problem and checked against the same
 * conditions as `verifyTransportOptimality`.
 *
 * Integer scores with each mentee listing the mentors in order are that matrix as they are:
 * they are solved first and read once afterwards, in the pass that checks the reduced costs,
 * which also proves they were integers in that order (decision 0106). Otherwise the scores
 * are measured, scaled and, when the order differs, written through a cell index.
 */
export function solveIfComplete(graph: CandidateGraph, matchableBound: number): DenseResult | null {
  if (!hasDenseShape(graph)) return null;
  const { menteeCount, mentorCount, arcStart, arcScore } = graph;
  const menteeRows = menteeCount <= mentorCount;
  let startsInOrder = true;
  for (let i = 0; i <= menteeCount; i++) startsInOrder &&= arcStart[i] === i * mentorCount;
  // A first row of integers makes integer scores likely; fractional scores skip the try.
  let firstRowIntegral = true;
  let firstRowMax = -Infinity;
  for (let a = 0; a < mentorCount; a++) {
    firstRowIntegral &&= (arcScore[a]! | 0) === arcScore[a];
    firstRowMax = Math.max(firstRowMax, arcScore[a]!);
  }
  if (menteeRows && startsInOrder && firstRowIntegral) {
    const quick = solveOnScores(graph, matchableBound, firstRowMax);
    if (quick) return quick;
  }

  const scoreScale = chooseScoreScale(graph, matchableBound);
  const columnCount = menteeRows ? mentorCount : menteeCount;
  const rowCount = menteeRows ? menteeCount : mentorCount;
  const built = buildWeights(graph, menteeRows && startsInOrder, scoreScale, matchableBound);
  if (!built) return null;
  const { weight, arcOfPair } = built;
  const dense = solveDenseAssignment({
    rowCount,
    columnCount,
    weight,
    weightCeiling: scoreScale.maxWeight,
  });
  if (!dense || !areReducedCostsNonNegative(weight, rowCount, columnCount, dense)) return null;
  const solution = toMenteeDriven(
    graph,
    weight,
    dense,
    menteeRows,
    arcOfPair,
    scoreScale,
    matchableBound,
  );
  return solution ? { solution, scoreScale } : null;
}

/**
 * Solves on the scores as the matrix, with the first row's best score as the guessed ceiling,
 * then reads them once: every reduced cost is ≥ 0, every score is an integer of 32 bits (a
 * score that is not an integer, not finite or beyond 32 bits does not survive `| 0`), each
 * mentee lists the mentors in order, and no score is above the guess. Only then are the sums
 * exact, the matrix the graph's and the solve the one a known ceiling gives (the same tie
 * choices as the other paths), so only then is the result taken; the extremes read on the
 * way give the scale. Null when any of it fails.
 */
function solveOnScores(
  graph: CandidateGraph,
  matchableBound: number,
  guessedCeiling: number,
): DenseResult | null {
  const { menteeCount, mentorCount, arcMentor, arcScore } = graph;
  const dense = solveDenseAssignment({
    rowCount: menteeCount,
    columnCount: mentorCount,
    weight: arcScore,
    weightCeiling: guessedCeiling,
  });
  if (!dense) return null;
  const { rowDual, columnDual } = dense;
  const extremes = Float64Array.of(Infinity, -Infinity);
  for (let i = 0; i < menteeCount; i++) {
    const base = i * mentorCount;
    if (!proveRow(arcScore, arcMentor, columnDual, base, mentorCount, -rowDual[i]!, extremes)) {
      return null;
    }
  }
  if (extremes[1] !== guessedCeiling) return null;
  const scoreScale = chooseScaleFromExtremes(
    graph,
    { fractions: 0, min: extremes[0]!, max: extremes[1] },
    matchableBound,
  );
  if (scoreScale.scale !== 1) return null;
  const solution = toMenteeDriven(graph, arcScore, dense, true, null, scoreScale, matchableBound);
  return solution ? { solution, scoreScale } : null;
}

/**
 * One row of `solveOnScores`'s pass: reduced costs ≥ 0 (a NaN fails), integer scores of 32
 * bits, mentors in order; widens `extremes` (least, most). A function per row, because V8
 * optimises a function called 3,000 times sooner and better than a loop entered once, and
 * the dense path runs once per process.
 */
function proveRow(
  scores: Float64Array,
  mentors: Int32Array,
  columnDual: Float64Array,
  base: number,
  mentorCount: number,
  bound: number,
  extremes: Float64Array,
): boolean {
  let misplaced = 0;
  let isExact = true;
  let least = extremes[0]!;
  let most = extremes[1]!;
  for (let k = 0; k < mentorCount; k++) {
    const score = scores[base + k]!;
    if (!(columnDual[k]! - score >= bound)) return false;
    if ((score | 0) !== score) isExact = false;
    if (score < least) least = score;
    if (score > most) most = score;
    misplaced |= mentors[base + k]! ^ k;
  }
  extremes[0] = least;
  extremes[1] = most;
  return isExact && misplaced === 0;
}

/** A complete graph with unit capacities, small enough for a dense matrix. */
function hasDenseShape(graph: CandidateGraph): boolean {
  const { menteeCount, mentorCount } = graph;
  const pairCount = menteeCount * mentorCount;
  if (menteeCount < 2 || mentorCount < 2 || pairCount > DENSE_MAX_PAIRS) return false;
  if (countArcs(graph) !== pairCount) return false;
  for (let j = 0; j < mentorCount; j++) if (graph.mentorCapacity[j] !== 1) return false;
  return true;
}

type DenseWeights = {
  /** Integer weight of each matrix cell. */
  weight: Float64Array;
  /** The arc of each matrix cell; null when arc and cell coincide (rows in mentor order). */
  arcOfPair: Int32Array | null;
};

/**
 * The weight matrix: the scaled weights (the scores themselves when integers at scale 1)
 * when mentee rows list the mentors in order, else a matrix written through the cell index
 * that refuses duplicate pairs (mentee rows in another order, or mentor rows: the transposed
 * matrix, when mentors are fewer).
 */
function buildWeights(
  graph: CandidateGraph,
  mayBeInOrder: boolean,
  scoreScale: ScoreScale,
  matchableBound: number,
): DenseWeights | null {
  const { menteeCount, mentorCount, arcStart, arcMentor } = graph;
  const isAsStored = scoreScale.allIntegers && scoreScale.scale === 1;
  const scaled = isAsStored
    ? graph.arcScore
    : scaleScores(graph, matchableBound, scoreScale).weight;
  if (mayBeInOrder) {
    let misplaced = 0;
    for (let i = 0, a = 0; i < menteeCount; i++) {
      for (let k = 0; k < mentorCount; k++, a++) misplaced |= arcMentor[a]! ^ k;
    }
    if (misplaced === 0) return { weight: scaled, arcOfPair: null };
  }
  const menteeRows = menteeCount <= mentorCount;
  const pairCount = menteeCount * mentorCount;
  const menteeStride = menteeRows ? mentorCount : 1;
  const mentorStride = menteeRows ? 1 : menteeCount;
  const weight = new Float64Array(pairCount);
  const arcOfPair = new Int32Array(pairCount).fill(-1);
  for (let i = 0; i < menteeCount; i++) {
    for (let a = arcStart[i]!; a < arcStart[i + 1]!; a++) {
      const at = i * menteeStride + arcMentor[a]! * mentorStride;
      if (arcOfPair[at] !== -1) return null;
      weight[at] = scaled[a]!;
      arcOfPair[at] = a;
    }
  }
  return { weight, arcOfPair };
}

/** Every `rowDual + columnDual - weight` of the matrix is ≥ 0 (a NaN fails). */
function areReducedCostsNonNegative(
  weight: Float64Array,
  rowCount: number,
  columnCount: number,
  { rowDual, columnDual }: DenseAssignment,
): boolean {
  for (let i = 0; i < rowCount; i++) {
    const base = i * columnCount;
    const bound = -rowDual[i]!;
    for (let j = 0; j < columnCount; j++) {
      if (!(columnDual[j]! - weight[base + j]! >= bound)) return false;
    }
  }
  return true;
}

/**
 * The dense duals as mentee potentials and mentor prices of the mentee-driven problem (arc
 * cost `maxWeight - weight`, unassigned cost `dummyCost`), whose reduced costs are then
 * exactly the dense ones, checked by the caller. Checked here, in linear time, the rest of
 * `verifyTransportOptimality`'s conditions: used pairs tight, one mentee per mentor, prices
 * ≥ 0 and 0 on free mentors, potentials at most the dummy cost and equal to it for unmatched
 * mentees. Null when one fails.
 */
function toMenteeDriven(
  graph: CandidateGraph,
  weight: Float64Array,
  dense: DenseAssignment,
  menteeRows: boolean,
  arcOfPair: Int32Array | null,
  scoreScale: ScoreScale,
  matchableBound: number,
): TransportSolution | null {
  const { menteeCount, mentorCount } = graph;
  const { maxWeight } = scoreScale;
  const dummyCost = unassignedCost(scoreScale, matchableBound);
  const rowArc = new Int32Array(menteeCount).fill(-1);
  const rowColumn = new Int32Array(menteeCount).fill(-1);
  const rowPotential = new Float64Array(menteeCount);
  const columnPrice = new Float64Array(mentorCount);
  const rowCount = menteeRows ? menteeCount : mentorCount;
  const columnCount = menteeRows ? mentorCount : menteeCount;
  const usedColumn = new Uint8Array(columnCount);
  for (let row = 0; row < rowCount; row++) {
    const column = dense.rowColumn[row]!;
    if (!(column >= 0 && column < columnCount) || usedColumn[column]) return null;
    usedColumn[column] = 1;
    const tight = weight[row * columnCount + column]!;
    if (dense.rowDual[row]! + dense.columnDual[column]! !== tight) return null;
  }
  if (menteeRows) {
    // Square: every mentor is taken, so shift prices to be non-negative with the least at 0;
    // otherwise free mentors kept dual 0 and every other dual is ≥ 0.
    let shift = 0;
    if (menteeCount === mentorCount) {
      shift = Infinity;
      for (let j = 0; j < mentorCount; j++) shift = Math.min(shift, dense.columnDual[j]!);
    }
    for (let j = 0; j < mentorCount; j++) columnPrice[j] = dense.columnDual[j]! - shift;
    for (let i = 0; i < menteeCount; i++) {
      const j = dense.rowColumn[i]!;
      rowColumn[i] = j;
      rowArc[i] = arcOfPair ? arcOfPair[i * columnCount + j]! : i * columnCount + j;
      rowPotential[i] = maxWeight - dense.rowDual[i]! - shift;
    }
  } else {
    // Mentors are the rows: all are taken; a mentee left out has dual 0 and sits at the
    // dummy cost.
    for (let i = 0; i < menteeCount; i++) rowPotential[i] = dummyCost - dense.columnDual[i]!;
    for (let j = 0; j < mentorCount; j++) {
      const i = dense.rowColumn[j]!;
      columnPrice[j] = dummyCost - maxWeight + dense.rowDual[j]!;
      rowColumn[i] = j;
      rowArc[i] = arcOfPair![j * columnCount + i]!;
    }
  }
  for (let i = 0; i < menteeCount; i++) {
    const potential = rowPotential[i]!;
    if (!(potential <= dummyCost)) return null;
    if (rowColumn[i]! < 0 && potential !== dummyCost) return null;
  }
  const taken = new Uint8Array(mentorCount);
  for (let i = 0; i < menteeCount; i++) if (rowColumn[i]! >= 0) taken[rowColumn[i]!] = 1;
  for (let j = 0; j < mentorCount; j++) {
    const price = columnPrice[j]!;
    if (!(price >= 0) || (price > 0 && !taken[j])) return null;
  }
  return {
    rowColumn,
    rowArc,
    rowPotential,
    columnPrice,
    stats: { warmStartRows: 0, searches: 0, scannedColumns: 0 },
  };
}
