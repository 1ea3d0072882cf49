import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignOptimal } from './assign-optimal.ts';
import { checkAssignmentFeasible } from './assignment.ts';
import type { CandidateGraph, IndexedPair } from './candidate-graph.ts';
import { buildCandidateGraph } from './candidate-graph.ts';
import { AUCTION_SCHEDULE, bidByAuction } from './price-by-auction.ts';
import type { TransportProblem } from './solve-transport.ts';
import { solveTransport, verifyTransportOptimality } from './solve-transport.ts';
import { findBestByBruteForce } from './test-support.ts';

/** Small graphs whose total capacity equals the number of mentees: the auction's case. */
const arbitraryExactCapacityGraph = fc
  .record({
    capacities: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 4 }),
    isDense: fc.boolean(),
    integerScores: fc.boolean(),
    seedPairs: fc.array(
      fc.record({ mentee: fc.nat(), mentor: fc.nat(), score: fc.integer({ min: -20, max: 1000 }) }),
      { maxLength: 24 },
    ),
  })
  .map(({ capacities, isDense, integerScores, seedPairs }): CandidateGraph => {
    const menteeCount = capacities.reduce((sum, capacity) => sum + capacity, 0);
    const pairs: IndexedPair[] = [];
    const toScore = (raw: number) => (integerScores ? raw % 7 : raw / 1000);
    if (isDense) {
      let k = 0;
      for (let i = 0; i < menteeCount; i++) {
        for (let j = 0; j < capacities.length; j++) {
          pairs.push({
            mentee: i,
            mentor: j,
            score: toScore(seedPairs[k++ % Math.max(1, seedPairs.length)]?.score ?? i * j),
          });
        }
      }
    } else {
      for (const pair of seedPairs) {
        pairs.push({
          mentee: pair.mentee % menteeCount,
          mentor: pair.mentor % capacities.length,
          score: toScore(pair.score),
        });
      }
    }
    return buildCandidateGraph(menteeCount, capacities, pairs);
  });

describe('assignOptimal at exact capacity (auction warm start)', () => {
  it('equals brute force and the solver without warm start, from either side', () => {
    fc.assert(
      fc.property(arbitraryExactCapacityGraph, (graph) => {
        const plain = assignOptimal(graph, { warmStart: 'none' });
        const expected = findBestByBruteForce(graph, plain.scale);
        expect([plain.matchedCount, plain.totalWeight]).toEqual(expected);
        for (const drivingSide of ['mentees', 'mentors'] as const) {
          const result = assignOptimal(graph, { drivingSide });
          expect(checkAssignmentFeasible(graph, result)).toBeNull();
          expect(result.isProvenOptimal).toBe(true);
          expect([result.matchedCount, result.totalWeight]).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same output for the same input', () => {
    fc.assert(
      fc.property(arbitraryExactCapacityGraph, (graph) => {
        expect(Array.from(assignOptimal(graph).menteeArc)).toEqual(
          Array.from(assignOptimal(graph).menteeArc),
        );
      }),
      { numRuns: 100 },
    );
  });
});

/**
 * A problem with one arc list per row from arbitrary (row, column, cost) triples, taken
 * modulo the sizes; a repeated (row, column) keeps its first cost.
 */
function buildTestProblem(
  rowCount: number,
  capacities: readonly number[],
  arcs: readonly { row: number; column: number; cost: number }[],
  costScale: number,
  dummyCost: number,
): TransportProblem {
  const columnCount = capacities.length;
  const lists: { column: number; cost: number }[][] = Array.from({ length: rowCount }, () => []);
  for (const arc of arcs) {
    const list = lists[arc.row % rowCount]!;
    const column = arc.column % columnCount;
    if (!list.some((entry) => entry.column === column)) {
      list.push({ column, cost: arc.cost * costScale });
    }
  }
  const flat = lists.flat();
  const adjacencyStart = new Int32Array(rowCount + 1);
  lists.forEach((list, r) => (adjacencyStart[r + 1] = adjacencyStart[r]! + list.length));
  return {
    rowCount,
    rowAdjacency: Int32Array.from({ length: rowCount }, (_, r) => r),
    adjacencyStart,
    arcColumn: Int32Array.from(flat.map((entry) => entry.column)),
    arcCost: Float64Array.from(flat.map((entry) => entry.cost)),
    columnCount,
    columnCapacity: Int32Array.from(capacities),
    dummyCost,
  };
}

describe('solveTransport from arbitrary starting prices', () => {
  // Any non-negative prices and preferred columns are a valid start: priced free columns go
  // through the sink potential, and the result must still be optimal and certified.
  const arbitraryStart = fc.record({
    rows: fc.integer({ min: 1, max: 6 }),
    capacities: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }),
    arcs: fc.array(
      fc.record({ row: fc.nat(), column: fc.nat(), cost: fc.integer({ min: 0, max: 30 }) }),
      { maxLength: 20 },
    ),
    prices: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 4, maxLength: 4 }),
    preferred: fc.array(fc.integer({ min: -1, max: 3 }), { minLength: 6, maxLength: 6 }),
  });

  it('reaches the same optimum as from zero prices, with a valid certificate', () => {
    fc.assert(
      fc.property(arbitraryStart, ({ rows, capacities, arcs, prices, preferred }) => {
        const columnCount = capacities.length;
        const problem = buildTestProblem(rows, capacities, arcs, 1, rows * 30 + 1);
        const cost = (solution: ReturnType<typeof solveTransport>) => {
          let total = 0;
          for (let r = 0; r < rows; r++) {
            total +=
              solution.rowArc[r]! >= 0 ? problem.arcCost[solution.rowArc[r]!]! : problem.dummyCost;
          }
          return total;
        };
        const plain = solveTransport(problem);
        const warm = solveTransport(problem, {
          initialPrice: Float64Array.from(prices.slice(0, columnCount)),
          initialColumn: Int32Array.from(
            preferred.slice(0, rows).map((c) => (c < columnCount ? c : -1)),
          ),
        });
        expect(verifyTransportOptimality(problem, plain)).toBeNull();
        expect(verifyTransportOptimality(problem, warm)).toBeNull();
        expect(cost(warm)).toBe(cost(plain));
      }),
      { numRuns: 500 },
    );
  });
});

/**
 * The auction as first written: every bid reads all the bidder's arcs. `bidByAuction` keeps
 * each row's cheapest arcs and must make exactly the same bids.
 */
function bidReadingEveryArc(problem: TransportProblem) {
  const { rowCount, columnCount, adjacencyStart, arcColumn, arcCost, dummyCost } = problem;
  const { factor, fineFactor, bidsPerRow } = AUCTION_SCHEDULE;
  const slotsOf = Array.from({ length: columnCount }, () => [] as number[]);
  let slotCount = 0;
  for (let j = 0; j < columnCount; j++) {
    for (let k = 0; k < problem.columnCapacity[j]!; k++) slotsOf[j]!.push(slotCount++);
  }
  const slotPrice = new Array<number>(slotCount).fill(0);
  const slotRow = new Array<number>(slotCount).fill(-1);
  // The first slot of lowest price, and the lowest price among the others.
  const cheapest = (j: number): [number, number, number] => {
    let slot = -1;
    let low = Infinity;
    let next = Infinity;
    for (const s of slotsOf[j]!) {
      if (slotPrice[s]! < low) [next, low, slot] = [low, slotPrice[s]!, s];
      else if (slotPrice[s]! < next) next = slotPrice[s]!;
    }
    return [slot, low, next];
  };
  const maxCost = Math.max(0, ...arcCost);
  const finalEpsilon = 2 ** -Math.ceil(Math.log2(rowCount + 1));
  let epsilon = Math.max(1, Math.floor(maxCost / factor));
  let bids = 0;
  for (;;) {
    slotRow.fill(-1);
    const queue = Array.from({ length: rowCount }, (_, r) => r);
    let budget = bidsPerRow * rowCount;
    while (queue.length > 0) {
      if (budget-- <= 0) return null;
      bids++;
      const row = queue.shift()!;
      const adjacency = problem.rowAdjacency[row]!;
      let [best, bestColumn, second] = [dummyCost, -1, dummyCost];
      for (let a = adjacencyStart[adjacency]!; a < adjacencyStart[adjacency + 1]!; a++) {
        const [, low, next] = cheapest(arcColumn[a]!);
        const value = arcCost[a]! + low;
        if (value < best) {
          [second, best, bestColumn] = [Math.min(best, arcCost[a]! + next), value, arcColumn[a]!];
        } else if (value < second) {
          second = value;
        }
      }
      if (bestColumn < 0) continue;
      const [slot] = cheapest(bestColumn);
      slotPrice[slot] = slotPrice[slot]! + (second - best + epsilon);
      if (slotRow[slot]! >= 0) queue.push(slotRow[slot]!);
      slotRow[slot] = row;
    }
    if (epsilon <= finalEpsilon) return { slotPrice, slotRow, bids };
    epsilon =
      epsilon >= factor
        ? Math.floor(epsilon / factor)
        : Math.max(finalEpsilon, epsilon / fineFactor);
  }
}

describe('bidByAuction', () => {
  // Rows longer than the four cached arcs, few distinct costs (ties), any capacities: rows
  // that cannot all be placed also exercise the price war and its budget.
  const arbitraryProblem = fc
    .record({
      capacities: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 12 }),
      extraRows: fc.integer({ min: -3, max: 2 }),
      // At least 8 arcs per row on average before duplicates go (fast-check's default size
      // would keep most rows within the cache).
      arcs: fc.array(
        fc.record({ row: fc.nat(), column: fc.nat(), cost: fc.integer({ min: 0, max: 12 }) }),
        { minLength: 40, maxLength: 200 },
      ),
      costScale: fc.constantFrom(1, 1000, 1_000_000),
    })
    .map(({ capacities, extraRows, arcs, costScale }): TransportProblem => {
      const places = capacities.reduce((sum, capacity) => sum + capacity, 0);
      const rowCount = Math.max(1, Math.min(places + extraRows, Math.floor(arcs.length / 8)));
      return buildTestProblem(rowCount, capacities, arcs, costScale, rowCount * 12 * costScale + 1);
    });

  it('makes the same bids as an auction that reads every arc of every bidder', () => {
    fc.assert(
      fc.property(arbitraryProblem, (problem) => {
        const reference = bidReadingEveryArc(problem);
        const auction = bidByAuction(problem);
        if (!reference) {
          expect(auction).toBeNull();
          return;
        }
        expect(auction).not.toBeNull();
        expect(auction!.bids).toBe(reference.bids);
        expect(Array.from(auction!.slotPrice)).toEqual(reference.slotPrice);
        expect(Array.from(auction!.slotRow)).toEqual(reference.slotRow);
      }),
      { numRuns: 1000 },
    );
  });

  it('leads to the brute-force optimum on rows longer than the cache', () => {
    // Total capacity equals the number of mentees (the auction's case), 5 to 7 candidates
    // each, and a mentor of capacity 2 so that the dense path does not take the graph.
    const arbitraryGraph = fc
      .record({
        capacities: fc
          .array(fc.integer({ min: 1, max: 2 }), { minLength: 5, maxLength: 7 })
          .map((capacities) => [2, ...capacities.slice(1)]),
        scores: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 56, maxLength: 56 }),
        keep: fc.array(fc.boolean(), { minLength: 56, maxLength: 56 }),
      })
      .filter(({ capacities }) => capacities.reduce((sum, c) => sum + c, 0) <= 8)
      .map(({ capacities, scores, keep }): CandidateGraph => {
        const menteeCount = capacities.reduce((sum, capacity) => sum + capacity, 0);
        const pairs: IndexedPair[] = [];
        for (let i = 0; i < menteeCount; i++) {
          for (let j = 0; j < capacities.length; j++) {
            if (keep[i * 7 + j] || j < 5) {
              pairs.push({ mentee: i, mentor: j, score: scores[i * 7 + j]! / 10 + j / 100 });
            }
          }
        }
        return buildCandidateGraph(menteeCount, capacities, pairs);
      });
    fc.assert(
      fc.property(arbitraryGraph, (graph) => {
        const result = assignOptimal(graph);
        expect(result.stats.auctionBids).toBeGreaterThan(0);
        expect(checkAssignmentFeasible(graph, result)).toBeNull();
        expect(result.isProvenOptimal).toBe(true);
        expect([result.matchedCount, result.totalWeight]).toEqual(
          findBestByBruteForce(graph, result.scale),
        );
      }),
      { numRuns: 150 },
    );
  });
});
