import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignOptimal } from './assign-optimal.ts';
import type { CandidateGraph } from './candidate-graph.ts';
import type { DenseAssignmentProblem } from './solve-dense-assignment.ts';
import { solveDenseAssignment } from './solve-dense-assignment.ts';

/** The largest total weight over every injective map from rows to columns. */
function bestWeightByBruteForce({ rowCount, columnCount, weight }: DenseAssignmentProblem): number {
  const used = new Array<boolean>(columnCount).fill(false);
  let best = -Infinity;
  const visit = (row: number, total: number): void => {
    if (row === rowCount) {
      best = Math.max(best, total);
      return;
    }
    for (let j = 0; j < columnCount; j++) {
      if (used[j]) continue;
      used[j] = true;
      visit(row + 1, total + weight[row * columnCount + j]!);
      used[j] = false;
    }
  };
  visit(0, 0);
  return best;
}

/**
 * The assignment is a permutation of rows into columns, of largest total weight, and the
 * duals prove it: reduced costs (row dual + column dual - weight) ≥ 0, 0 on used pairs, and
 * (rectangular) free columns at dual 0 with every column dual ≥ 0.
 */
function expectOptimalWithCertificate(problem: DenseAssignmentProblem): void {
  expect(expectCertificate(problem)).toBe(bestWeightByBruteForce(problem));
}

/** The certificate alone (which proves optimality by LP duality); returns the total weight. */
function expectCertificate(problem: DenseAssignmentProblem): number {
  const { rowCount, columnCount, weight } = problem;
  const { rowColumn, rowDual, columnDual } = solveDenseAssignment(problem)!;
  const taken = new Set<number>();
  let total = 0;
  for (let i = 0; i < rowCount; i++) {
    const own = rowColumn[i]!;
    expect(own).toBeGreaterThanOrEqual(0);
    expect(taken.has(own)).toBe(false);
    taken.add(own);
    total += weight[i * columnCount + own]!;
    for (let j = 0; j < columnCount; j++) {
      const reduced = rowDual[i]! + columnDual[j]! - weight[i * columnCount + j]!;
      expect(reduced).toBeGreaterThanOrEqual(0);
      if (j === own) expect(reduced).toBe(0);
    }
  }
  if (rowCount < columnCount) {
    for (let j = 0; j < columnCount; j++) {
      expect(columnDual[j]).toBeGreaterThanOrEqual(0);
      if (!taken.has(j)) expect(columnDual[j]).toBe(0);
    }
  }
  return total;
}

const arbitraryProblem = (maxWeight: number) =>
  fc
    .record({
      rowCount: fc.integer({ min: 1, max: 6 }),
      extraColumns: fc.integer({ min: 0, max: 2 }),
      weights: fc.array(fc.integer({ min: 0, max: maxWeight }), { minLength: 48, maxLength: 48 }),
    })
    .map(({ rowCount, extraColumns, weights }): DenseAssignmentProblem => {
      const columnCount = rowCount + extraColumns;
      return {
        rowCount,
        columnCount,
        weight: Float64Array.from(weights.slice(0, rowCount * columnCount)),
      };
    });

describe('solveDenseAssignment', () => {
  it('finds the largest weight with a valid certificate, square or with extra columns', () => {
    fc.assert(fc.property(arbitraryProblem(1000), expectOptimalWithCertificate), {
      numRuns: 400,
    });
  });

  it('stays exact when most weights tie (0–2, as the early exits at 0 meet them)', () => {
    fc.assert(fc.property(arbitraryProblem(2), expectOptimalWithCertificate), { numRuns: 400 });
  });

  it('solves negative weights when told a ceiling, attained or not', () => {
    const shifted = fc
      .tuple(arbitraryProblem(9), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 3 }))
      .map(([problem, shift, slack]): DenseAssignmentProblem => {
        const weight = problem.weight.map((w) => w - shift);
        return { ...problem, weight, weightCeiling: 9 - shift + slack };
      });
    fc.assert(fc.property(shifted, expectOptimalWithCertificate), { numRuns: 400 });
  });

  it('proves its optimum on larger matrices, where column reduction may stop early', () => {
    const larger = fc
      .record({
        size: fc.integer({ min: 32, max: 80 }),
        maxWeight: fc.constantFrom(1, 3, 30, 100_000),
        hasCeiling: fc.boolean(),
        seed: fc.integer(),
      })
      .map(({ size, maxWeight, hasCeiling, seed }): DenseAssignmentProblem => {
        const weight = new Float64Array(size * size);
        let state = seed >>> 0 || 1;
        for (let a = 0; a < weight.length; a++) {
          state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
          weight[a] = (state >>> 8) % (maxWeight + 1);
        }
        return {
          rowCount: size,
          columnCount: size,
          weight,
          ...(hasCeiling ? { weightCeiling: maxWeight } : {}),
        };
      });
    fc.assert(
      fc.property(larger, (problem) => {
        expectCertificate(problem);
      }),
      { numRuns: 60 },
    );
  });

  it('solves 1 × 1, all-equal and all-zero matrices', () => {
    const of = (...weights: number[]) => Float64Array.from(weights);
    expectOptimalWithCertificate({ rowCount: 1, columnCount: 1, weight: of(7) });
    expectOptimalWithCertificate({ rowCount: 1, columnCount: 3, weight: of(4, 4, 4) });
    const equal = new Float64Array(25).fill(3);
    expectOptimalWithCertificate({ rowCount: 5, columnCount: 5, weight: equal });
    expectOptimalWithCertificate({ rowCount: 4, columnCount: 4, weight: new Float64Array(16) });
    expectOptimalWithCertificate({
      rowCount: 2,
      columnCount: 2,
      weight: of(1, 2, 3, 4),
      weightCeiling: 4,
    });
  });

  it('reaches the known optimum of a matrix whose best pairs admit no perfect matching', () => {
    // Column 0 holds every row's only 5: one row takes it, the others lose at least 1.
    const weight = Float64Array.of(5, 0, 4, 5, 4, 0, 5, 0, 4);
    expectOptimalWithCertificate({ rowCount: 3, columnCount: 3, weight, weightCeiling: 5 });
    expect(bestWeightByBruteForce({ rowCount: 3, columnCount: 3, weight })).toBe(13);
  });
});

describe('solveDenseAssignment on weights that are not finite', () => {
  it('ends on any matrix holding NaN or infinities, or weights above the ceiling', () => {
    const arbitrary = fc.record({
      problem: arbitraryProblem(9),
      spoilt: fc.array(
        fc.record({
          at: fc.nat(),
          value: fc.constantFrom(Number.NaN, Infinity, -Infinity),
        }),
        { minLength: 1, maxLength: 4 },
      ),
    });
    fc.assert(
      fc.property(arbitrary, ({ problem, spoilt }) => {
        const weight = problem.weight.slice();
        for (const { at, value } of spoilt) weight[at % weight.length] = value;
        const result = solveDenseAssignment({ ...problem, weight, weightCeiling: 3 });
        if (result) expect(result.rowColumn.length).toBe(problem.rowCount);
      }),
      { numRuns: 300 },
    );
  });
});

describe('assignOptimal on complete graphs with integer scores (solved before they are read)', () => {
  it('stays exact when the largest score hides in a row the column reduction skips', () => {
    const arbitrary = fc.record({
      size: fc.integer({ min: 40, max: 70 }),
      seed: fc.integer(),
      high: fc.integer({ min: 4, max: 1000 }),
      fraction: fc.boolean(),
    });
    fc.assert(
      fc.property(arbitrary, ({ size, seed, high, fraction }) => {
        const scores: number[] = [];
        let state = seed >>> 0 || 1;
        for (let a = 0; a < size * size; a++) {
          state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
          scores.push((state >>> 8) % 4);
        }
        // The last row holds the only score above 3, fractional or not.
        scores[size * size - 1 - (state % size)] = fraction ? high + 0.5 : high;
        const graph = completeGraph(size, scores, false);
        const result = assignOptimal(graph);
        const sparse = assignOptimal(graph, { drivingSide: 'mentees' });
        expect(result.solver).toBe('dense');
        expect(sparse.solver).toBe('sparse');
        expect(result.totalWeight).toBe(sparse.totalWeight);
        expect(result.scale).toBe(sparse.scale);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a score that is not finite, as the sparse path does', () => {
    const scores = new Array<number>(49).fill(2);
    scores[40] = Number.NaN;
    expect(() => assignOptimal(completeGraph(7, scores, false))).toThrow(RangeError);
    scores[40] = Infinity;
    expect(() => assignOptimal(completeGraph(7, scores, false))).toThrow(RangeError);
  });
});

describe('assignOptimal on complete graphs whose mentors are not listed in order', () => {
  it('gives the same optimum as the same graph listed in order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 25, maxLength: 25 }),
        (size, scores) => {
          const inOrder = completeGraph(size, scores, false);
          const reversed = completeGraph(size, scores, true);
          const expected = assignOptimal(inOrder);
          const result = assignOptimal(reversed);
          expect(result.solver).toBe('dense');
          expect(result.totalWeight).toBe(expected.totalWeight);
          expect(result.matchedCount).toBe(size);
          for (let i = 0; i < size; i++) {
            expect(reversed.arcMentor[result.menteeArc[i]!]).toBe(
              inOrder.arcMentor[expected.menteeArc[i]!],
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** A square complete graph, each mentee's mentors listed in order or in reverse. */
function completeGraph(size: number, scores: readonly number[], reverse: boolean): CandidateGraph {
  const arcStart = new Int32Array(size + 1);
  const arcMentor = new Int32Array(size * size);
  const arcScore = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let k = 0; k < size; k++) {
      const j = reverse ? size - 1 - k : k;
      arcMentor[i * size + k] = j;
      arcScore[i * size + k] = scores[i * size + j]!;
    }
    arcStart[i + 1] = (i + 1) * size;
  }
  return {
    menteeCount: size,
    mentorCount: size,
    mentorCapacity: new Int32Array(size).fill(1),
    arcStart,
    arcMentor,
    arcScore,
  };
}
