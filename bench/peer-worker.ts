import { parentPort, workerData } from 'node:worker_threads';
import highsModule from 'highs';
import hungarianOn3 from 'hungarian-on3';
import { munkres } from 'munkres';

// highs is CommonJS typed as an ES module: at run time the default import is the loader itself.
const loadHighs = typeof highsModule === 'function' ? highsModule : highsModule.default;

/** A problem as the peers receive it: integer weights, unit or larger mentor capacities. */
export type PeerProblem = {
  peer: 'munkres' | 'hungarian-on3' | 'highs';
  menteeCount: number;
  mentorCount: number;
  mentorCapacity: Int32Array;
  arcStart: Int32Array;
  arcMentor: Int32Array;
  /** Integer weight of each arc (higher is better). */
  weight: Float64Array;
};

export type PeerResult = { seconds: number; matched: number; totalWeight: number };

/**
 * Each peer solves the same lexicographic problem as our `optimal` mode: the most mentees
 * matched, then the largest total weight. The assignment peers get a dense cost matrix in
 * which a missing pair costs more than any change of total weight; HiGHS gets the
 * transportation LP. The matched count and total weight are recomputed here from each
 * peer's own assignment.
 */
async function solve(problem: PeerProblem): Promise<PeerResult> {
  const { menteeCount, mentorCount, arcStart, arcMentor, weight } = problem;
  let maxWeight = -Infinity;
  let minWeight = Infinity;
  for (const value of weight) {
    maxWeight = Math.max(maxWeight, value);
    minWeight = Math.min(minWeight, value);
  }
  // Loading the Wasm runtime is a one-time cost of the process, not of a solve.
  const highs = problem.peer === 'highs' ? await loadHighs() : undefined;
  const started = performance.now();
  let mentorOf: Int32Array;
  if (highs) {
    mentorOf = solveWithHighs(highs, problem, maxWeight, minWeight);
  } else {
    // Dense square matrix of costs; absent pairs cost the "unmatched" price.
    const unmatchedCost = (Math.min(menteeCount, mentorCount) + 1) * (maxWeight - minWeight + 1);
    const size = Math.max(menteeCount, mentorCount);
    const rows = Array.from({ length: size }, () => new Array<number>(size).fill(unmatchedCost));
    for (let i = 0; i < menteeCount; i++) {
      for (let a = arcStart[i]!; a < arcStart[i + 1]!; a++)
        rows[i]![arcMentor[a]!] = maxWeight - weight[a]!;
    }
    const pairs: number[][] =
      problem.peer === 'munkres' ? munkres(rows) : hungarianOn3(rows, false);
    mentorOf = new Int32Array(menteeCount).fill(-1);
    for (const [row, column] of pairs)
      if (row! < menteeCount && column! >= 0) mentorOf[row!] = column!;
  }
  const seconds = (performance.now() - started) / 1000;
  let matched = 0;
  let totalWeight = 0;
  for (let i = 0; i < menteeCount; i++) {
    for (let a = arcStart[i]!; a < arcStart[i + 1]!; a++) {
      if (arcMentor[a] === mentorOf[i]) {
        matched++;
        totalWeight += weight[a]!;
      }
    }
  }
  return { seconds, matched, totalWeight };
}

type Highs = Awaited<ReturnType<typeof loadHighs>>;

/**
 * The transportation LP as a developer would write it: x ≥ 0 per allowed pair, Σ_j x_ij ≤ 1
 * per mentee, Σ_i x_ij ≤ capacity_j per mentor, maximise Σ (M + w_ij) x_ij with weights
 * normalised to [0, 1] and M = (largest possible matching) + 1, so that one more pair
 * outweighs any change of total weight. The model goes in as CSC typed arrays (no LP text to
 * build and parse). HiGHS's default for an LP is dual simplex, which needed about 200 s at
 * 10,000 × 5,000 top-50; its interior point method with crossover (the default
 * `run_crossover`) needs a tenth of that and still ends on a vertex. The transportation
 * polytope is integral, so that vertex is a matching: it is checked, not assumed.
 */
function solveWithHighs(
  highs: Highs,
  problem: PeerProblem,
  maxWeight: number,
  minWeight: number,
): Int32Array {
  const { menteeCount, mentorCount, arcStart, arcMentor, weight, mentorCapacity } = problem;
  const arcCount = arcStart[menteeCount]!;
  let totalCapacity = 0;
  for (const capacity of mentorCapacity) totalCapacity += capacity;
  const bonus = Math.min(menteeCount, totalCapacity) + 1;
  const range = Math.max(1, maxWeight - minWeight);
  const starts = new Int32Array(arcCount + 1);
  const indices = new Int32Array(2 * arcCount);
  const colCost = new Float64Array(arcCount);
  for (let i = 0; i < menteeCount; i++) {
    for (let a = arcStart[i]!; a < arcStart[i + 1]!; a++) {
      starts[a + 1] = 2 * (a + 1);
      indices[2 * a] = i;
      indices[2 * a + 1] = menteeCount + arcMentor[a]!;
      colCost[a] = bonus + (weight[a]! - minWeight) / range;
    }
  }
  const rowCount = menteeCount + mentorCount;
  const rowUpper = new Float64Array(rowCount);
  rowUpper.fill(1, 0, menteeCount);
  rowUpper.set(mentorCapacity, menteeCount);
  const model = highs.createModel({
    numCols: arcCount,
    numRows: rowCount,
    sense: highs.constants.objectiveSense.maximize,
    colCost,
    colLower: new Float64Array(arcCount),
    colUpper: new Float64Array(arcCount).fill(highs.infinity),
    rowLower: new Float64Array(rowCount).fill(-highs.infinity),
    rowUpper,
    matrix: {
      format: 'csc',
      numRows: rowCount,
      numCols: arcCount,
      starts,
      indices,
      values: new Float64Array(2 * arcCount).fill(1),
    },
  });
  try {
    model.options.set({ output_flag: false, solver: 'ipm' });
    model.run();
    const status = model.getModelStatus();
    if (status !== highs.constants.modelStatus.optimal) {
      throw new Error(`HiGHS ended with model status ${status}`);
    }
    return readMatching(problem, model.getSolution().colValue);
  } finally {
    model.dispose();
  }
}

/** Rounds an LP solution to a matching, refusing one that is fractional or infeasible. */
function readMatching(problem: PeerProblem, value: ArrayLike<number>): Int32Array {
  const { menteeCount, arcStart, arcMentor, mentorCapacity } = problem;
  const mentorOf = new Int32Array(menteeCount).fill(-1);
  const load = new Int32Array(problem.mentorCount);
  for (let i = 0; i < menteeCount; i++) {
    for (let a = arcStart[i]!; a < arcStart[i + 1]!; a++) {
      const x = value[a]!;
      if (Math.abs(x - Math.round(x)) > 1e-6) throw new Error(`HiGHS left x = ${x} fractional`);
      if (x < 0.5) continue;
      if (mentorOf[i]! >= 0) throw new Error(`HiGHS gave mentee ${i} two mentors`);
      mentorOf[i] = arcMentor[a]!;
      if (++load[arcMentor[a]!]! > mentorCapacity[arcMentor[a]!]!) {
        throw new Error(`HiGHS overfilled mentor ${arcMentor[a]}`);
      }
    }
  }
  return mentorOf;
}

parentPort?.postMessage(await solve(workerData as PeerProblem));
