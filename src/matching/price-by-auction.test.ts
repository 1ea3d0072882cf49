import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignOptimal } from './assign-optimal.ts';
import { checkAssignmentFeasible } from './assignment.ts';
import type { CandidateGraph, IndexedPair } from './candidate-graph.ts';
import { buildCandidateGraph } from './candidate-graph.ts';
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
        const lists: { column: number; cost: number }[][] = Array.from({ length: rows }, () => []);
        for (const arc of arcs) {
          const list = lists[arc.row % rows]!;
          const column = arc.column % columnCount;
          if (!list.some((entry) => entry.column === column)) list.push({ column, cost: arc.cost });
        }
        const adjacencyStart = new Int32Array(rows + 1);
        const flat = lists.flat();
        lists.forEach((list, r) => (adjacencyStart[r + 1] = adjacencyStart[r]! + list.length));
        const problem: TransportProblem = {
          rowCount: rows,
          rowAdjacency: Int32Array.from({ length: rows }, (_, r) => r),
          adjacencyStart,
          arcColumn: Int32Array.from(flat.map((entry) => entry.column)),
          arcCost: Float64Array.from(flat.map((entry) => entry.cost)),
          columnCount,
          columnCapacity: Int32Array.from(capacities),
          dummyCost: rows * 30 + 1,
        };
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
