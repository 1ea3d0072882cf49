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
 * Each peer solves the same lexicographic problem as our `optimal` mode: a missing pair, or
 * leaving a mentee unmatched, costs more than any change of total score, so the minimum-cost
 * solution matches the most mentees, then maximises the total weight. The matched count and
 * total weight are recomputed here from each peer's own assignment.
 */
async function solve(problem: PeerProblem): Promise<PeerResult> {
  const { menteeCount, mentorCount, arcStart, arcMentor, weight } = problem;
  let maxWeight = -Infinity;
  let minWeight = Infinity;
  for (const value of weight) {
    maxWeight = Math.max(maxWeight, value);
    minWeight = Math.min(minWeight, value);
  }
  const unmatchedCost = (Math.min(menteeCount, mentorCount) + 1) * (maxWeight - minWeight + 1);
  const started = performance.now();
  let mentorOf: Int32Array;
  if (problem.peer === 'highs') {
    mentorOf = await solveWithHighs(problem, maxWeight, minWeight, unmatchedCost);
  } else {
    // Dense square matrix of costs; absent pairs cost the "unmatched" price.
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

/** The transportation LP: one variable per pair, mentee rows ≤ 1, mentor rows ≤ capacity. */
async function solveWithHighs(
  problem: PeerProblem,
  maxWeight: number,
  minWeight: number,
  unmatchedCost: number,
): Promise<Int32Array> {
  const highs = await loadHighs();
  const { menteeCount, mentorCount, arcStart, arcMentor, weight } = problem;
  const arcCount = arcStart[menteeCount]!;
  const starts = new Int32Array(arcCount + 1);
  const indices = new Int32Array(2 * arcCount);
  const values = new Float64Array(2 * arcCount).fill(1);
  const colCost = new Float64Array(arcCount);
  // Same costs in smaller units: HiGHS's tolerances are absolute, and costs near 10^10
  // slow its simplex down without changing the optimal vertex.
  const unit = Math.max(1, (maxWeight - minWeight) / 1000);
  for (let i = 0; i < menteeCount; i++) {
    for (let a = arcStart[i]!; a < arcStart[i + 1]!; a++) {
      starts[a + 1] = 2 * (a + 1);
      indices[2 * a] = i;
      indices[2 * a + 1] = menteeCount + arcMentor[a]!;
      colCost[a] = (maxWeight - weight[a]! - unmatchedCost) / unit;
    }
  }
  const rowUpper = new Float64Array(menteeCount + mentorCount);
  rowUpper.fill(1, 0, menteeCount);
  rowUpper.set(problem.mentorCapacity, menteeCount);
  const model = highs.createModel({
    numCols: arcCount,
    numRows: menteeCount + mentorCount,
    colCost,
    colLower: new Float64Array(arcCount),
    colUpper: new Float64Array(arcCount).fill(1),
    rowLower: new Float64Array(menteeCount + mentorCount).fill(-highs.infinity),
    rowUpper,
    matrix: {
      format: 'csc',
      numRows: menteeCount + mentorCount,
      numCols: arcCount,
      starts,
      indices,
      values,
    },
  });
  try {
    model.options.set({ output_flag: false });
    model.run();
    const solution = model.getSolution();
    const mentorOf = new Int32Array(menteeCount).fill(-1);
    for (let i = 0; i < menteeCount; i++) {
      for (let a = arcStart[i]!; a < arcStart[i + 1]!; a++) {
        if (solution.colValue[a]! > 0.5) mentorOf[i] = arcMentor[a]!;
      }
    }
    return mentorOf;
  } finally {
    model.dispose();
  }
}

parentPort?.postMessage(await solve(workerData as PeerProblem));
