import type { CandidateGraph } from './candidate-graph.ts';
import { countArcs } from './candidate-graph.ts';
import type { ScoreExtremes, ScoreScale } from './scale-scores.ts';
import { scaleScores } from './scale-scores.ts';
import { solveDenseAssignment } from './solve-dense-assignment.ts';
import type { TransportSolution } from './solve-transport.ts';

/** Largest complete graph solved by the dense path (a matrix of 8 bytes a pair at most). */
const DENSE_MAX_PAIRS = 25_000_000;

/** What `readCompleteScores` learnt in its pass over a complete graph. */
export type CompleteScores = {
  /** The scores' extremes when all are integers of 32 bits (null: read them again). */
  readonly extremes: ScoreExtremes | null;
  /** Mentee rows list every mentor in order: arc a is matrix cell a. */
  readonly isInOrder: boolean;
};

/**
 * For a dense-shaped graph, one pass over the scores and the mentors of the arcs, writing
 * nothing: the score extremes when every score is an integer of 32 bits (a score that is not
 * an integer, not finite or beyond 32 bits does not survive `| 0`), and whether each mentee
 * lists the mentors in order, in which case the scores are the weight matrix as they are.
 * Null for any other graph.
 */
export function readCompleteScores(graph: CandidateGraph): CompleteScores | null {
  const { menteeCount, mentorCount, arcStart, arcMentor, arcScore } = graph;
  if (!hasDenseShape(graph)) return null;
  let misplaced = 0;
  for (let i = 0; i <= menteeCount; i++) misplaced |= arcStart[i]! ^ (i * mentorCount);
  let isExact = true;
  let least = Infinity;
  let most = -Infinity;
  for (let i = 0, a = 0; i < menteeCount; i++) {
    for (let k = 0; k < mentorCount; k++, a++) {
      const score = arcScore[a]!;
      if ((score | 0) !== score) isExact = false;
      if (score < least) least = score;
      if (score > most) most = score;
      misplaced |= arcMentor[a]! ^ k;
    }
  }
  return {
    extremes: isExact ? { fractions: 0, min: least, max: most } : null,
    isInOrder: misplaced === 0,
  };
}

/**
 * Complete graphs with unit capacities go to the dense Jonker–Volgenant solver, on a flat
 * matrix of integer weights whose rows are the smaller side. When the scores are integers
 * and each mentee lists the mentors in order, the scores are that matrix and nothing is
 * written; otherwise the weights `scaleScores` gives are used, through a cell index when the
 * order differs. The duals are mapped to the mentee-driven problem and checked by the same
 * certificate as the sparse path (always, since the check is what lets a failure fall back
 * to the sparse path instead of returning a wrong answer).
 */
export function solveIfComplete(
  graph: CandidateGraph,
  scoreScale: ScoreScale,
  matchableBound: number,
  dummyCost: number,
  read: CompleteScores,
): { solution: TransportSolution } | null {
  const { menteeCount, mentorCount } = graph;
  const { maxWeight } = scoreScale;

  // Rows of the matrix are mentees unless mentors are fewer.
  const menteeRows = menteeCount <= mentorCount;
  const columnCount = menteeRows ? mentorCount : menteeCount;
  const built = buildWeights(graph, read, menteeRows, scoreScale, matchableBound);
  if (!built) return null;
  const { weight, arcOfPair } = built;
  const dense = solveDenseAssignment({
    rowCount: menteeRows ? menteeCount : mentorCount,
    columnCount,
    weight,
    weightCeiling: maxWeight,
  });

  const rowArc = new Int32Array(menteeCount).fill(-1);
  const rowColumn = new Int32Array(menteeCount).fill(-1);
  const rowPotential = new Float64Array(menteeCount);
  const columnPrice = new Float64Array(mentorCount);
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
  if (
    !isDenseCertificateValid(
      weight,
      maxWeight,
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
 * The weight matrix: the scores themselves (integers, mentee rows in mentor order), the
 * scaled weights in the same order, or a matrix written through the cell index that refuses
 * duplicate pairs (mentee rows in another order, or mentor rows: the transposed matrix, when
 * mentors are fewer).
 */
function buildWeights(
  graph: CandidateGraph,
  read: CompleteScores,
  menteeRows: boolean,
  scoreScale: ScoreScale,
  matchableBound: number,
): DenseWeights | null {
  const { menteeCount, mentorCount, arcStart, arcMentor } = graph;
  const isInOrder = menteeRows && read.isInOrder;
  const isAsStored = scoreScale.allIntegers && scoreScale.scale === 1;
  if (isInOrder && isAsStored) return { weight: graph.arcScore, arcOfPair: null };
  const scaled = isAsStored
    ? graph.arcScore
    : scaleScores(graph, matchableBound, scoreScale).weight;
  if (isInOrder) return { weight: scaled, arcOfPair: null };
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

/**
 * The conditions of `verifyTransportOptimality` for the mentee-driven problem (arc cost
 * `maxWeight - weight`), checked on the weight matrix (every pair is an arc, so this is the
 * same certificate without building the arc lists): reduced costs ≥ 0 and 0 on used pairs,
 * prices ≥ 0 and 0 on free mentors, potentials at most the dummy cost and equal to it for
 * unmatched mentees, one mentee per mentor.
 */
function isDenseCertificateValid(
  weight: Float64Array,
  maxWeight: number,
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
    // maxWeight - weight + price ≥ potential, with the constant moved to the bound.
    const bound = potential - maxWeight;
    if (menteeRows) {
      const base = i * columnCount;
      for (let j = 0; j < mentorCount; j++) {
        if (columnPrice[j]! - weight[base + j]! < bound) return false;
      }
    } else {
      for (let j = 0; j < mentorCount; j++) {
        if (columnPrice[j]! - weight[j * columnCount + i]! < bound) return false;
      }
    }
    if (own >= 0) {
      const at = menteeRows ? i * columnCount + own : own * columnCount + i;
      if (columnPrice[own]! - weight[at]! !== bound) return false;
    }
  }
  for (let j = 0; j < mentorCount; j++) {
    if (columnPrice[j]! < 0 || (columnPrice[j]! > 0 && !taken[j])) return false;
  }
  return true;
}
