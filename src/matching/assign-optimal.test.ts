import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assignGreedy } from './assign-greedy.ts';
import { assignOptimal } from './assign-optimal.ts';
import { assignStable } from './assign-stable.ts';
import { checkAssignmentFeasible } from './assignment.ts';
import type { IndexedPair } from './candidate-graph.ts';
import { buildCandidateGraph } from './candidate-graph.ts';
import { arbitrarySmallGraph, findBestByBruteForce, sumScaled } from './test-support.ts';

const orLibrary = new URL('../../../shared/data/matching/orlib-assign/', import.meta.url);

/** OR-Library files: dense `n` then n×n costs, or sparse `n` then `i j cost` triples. */
function readOrLibrary(name: string) {
  const tokens = readFileSync(new URL(`${name}.txt`, orLibrary), 'utf8')
    .trim()
    .split(/\s+/)
    .map(Number);
  const size = tokens[0]!;
  const pairs: IndexedPair[] = [];
  if (name.startsWith('assignp')) {
    for (let k = 1; k + 2 < tokens.length; k += 3) {
      pairs.push({ mentee: tokens[k]! - 1, mentor: tokens[k + 1]! - 1, score: -tokens[k + 2]! });
    }
  } else {
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++)
        pairs.push({ mentee: i, mentor: j, score: -tokens[1 + i * size + j]! });
    }
  }
  return buildCandidateGraph(size, new Array<number>(size).fill(1), pairs);
}

describe('assignOptimal', () => {
  const knownOptima: [string, number][] = [
    ['assign100', 305],
    ['assign200', 475],
    ['assign300', 626],
    ['assign400', 804],
    ['assign500', 991],
    ['assign600', 1176],
    ['assign700', 1362],
    ['assign800', 1552],
    ['assignp800', 2239],
    ['assignp1500', 5839],
    ['assignp3000', 18696],
    ['assignp5000', 48533],
  ];

  it.each(knownOptima)('finds the published optimum of OR-Library %s', (name, optimum) => {
    const graph = readOrLibrary(name);
    for (const drivingSide of ['auto', 'mentees', 'mentors'] as const) {
      const result = assignOptimal(graph, { drivingSide });
      expect(result.matchedCount).toBe(graph.menteeCount);
      expect(-result.totalWeight).toBe(optimum);
      expect(result.isProvenOptimal).toBe(true);
      expect(result.solver).toBe(
        drivingSide === 'auto' && name.startsWith('assign') && !name.startsWith('assignp')
          ? 'dense'
          : 'sparse',
      );
    }
  });

  it('prefers matching one more mentee to any gain in score', () => {
    // a can only take x; b prefers x by far but can take y: both must be matched.
    const graph = buildCandidateGraph(
      2,
      [1, 1],
      [
        { mentee: 0, mentor: 0, score: 0.1 },
        { mentee: 1, mentor: 0, score: 0.9 },
        { mentee: 1, mentor: 1, score: 0.05 },
      ],
    );
    const result = assignOptimal(graph);
    expect(result.matchedCount).toBe(2);
    expect(result.totalWeight).toBe(150_000);
  });

  it('chooses, among mentees competing for one place, the best score', () => {
    const graph = buildCandidateGraph(
      2,
      [1],
      [
        { mentee: 0, mentor: 0, score: 0.2 },
        { mentee: 1, mentor: 0, score: 0.7 },
      ],
    );
    expect(Array.from(assignOptimal(graph).menteeArc)).toEqual([-1, 1]);
  });

  it('equals brute force on every small instance, from either side', () => {
    fc.assert(
      fc.property(arbitrarySmallGraph(), (graph) => {
        const expected = findBestByBruteForce(graph, assignOptimal(graph).scale);
        for (const drivingSide of ['mentees', 'mentors'] as const) {
          const result = assignOptimal(graph, { drivingSide });
          expect(checkAssignmentFeasible(graph, result)).toBeNull();
          expect([result.matchedCount, result.totalWeight]).toEqual(expected);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('is never worse than greedy or stable in (matched count, total score)', () => {
    fc.assert(
      fc.property(arbitrarySmallGraph({ mentees: 12, mentors: 6 }), (graph) => {
        const optimal = assignOptimal(graph);
        for (const other of [assignGreedy(graph), assignStable(graph)]) {
          expect(checkAssignmentFeasible(graph, other)).toBeNull();
          const otherTotal = sumScaled(graph, other, optimal.scale);
          const isNotWorse =
            optimal.matchedCount > other.matchedCount ||
            (optimal.matchedCount === other.matchedCount && optimal.totalWeight >= otherTotal);
          expect(isNotWorse).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('solves complete graphs with unit capacities on the dense path, exactly', () => {
    const arbitraryCompleteGraph = fc
      .record({
        mentees: fc.integer({ min: 2, max: 6 }),
        mentors: fc.integer({ min: 2, max: 6 }),
        integerScores: fc.boolean(),
        scores: fc.array(fc.integer({ min: -20, max: 1000 }), { minLength: 36, maxLength: 36 }),
      })
      .map(({ mentees, mentors, integerScores, scores }) => {
        const pairs: IndexedPair[] = [];
        for (let i = 0; i < mentees; i++) {
          for (let j = 0; j < mentors; j++) {
            const raw = scores[i * 6 + j]!;
            pairs.push({ mentee: i, mentor: j, score: integerScores ? raw % 7 : raw / 1000 });
          }
        }
        return buildCandidateGraph(mentees, new Array<number>(mentors).fill(1), pairs);
      });
    fc.assert(
      fc.property(arbitraryCompleteGraph, (graph) => {
        const result = assignOptimal(graph);
        expect(result.solver).toBe('dense');
        expect(checkAssignmentFeasible(graph, result)).toBeNull();
        expect([result.matchedCount, result.totalWeight]).toEqual(
          findBestByBruteForce(graph, result.scale),
        );
        expect(Array.from(assignOptimal(graph).menteeArc)).toEqual(Array.from(result.menteeArc));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same output for the same input', () => {
    fc.assert(
      fc.property(arbitrarySmallGraph({ mentees: 10, mentors: 5 }), (graph) => {
        expect(Array.from(assignOptimal(graph).menteeArc)).toEqual(
          Array.from(assignOptimal(graph).menteeArc),
        );
      }),
      { numRuns: 100 },
    );
  });
});

describe('assignOptimal near exact capacity', () => {
  /** 10 mentees, 11 places; when `crowded`, mentees 0–2 all want only mentor 0. */
  function nearExact(crowded: boolean) {
    const pairs: IndexedPair[] = [];
    for (let i = 0; i < 10; i++) {
      pairs.push({ mentee: i, mentor: crowded && i < 3 ? 0 : i, score: 10 - i });
    }
    return buildCandidateGraph(10, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], pairs);
  }

  it('lets places drive when some mentees cannot be matched, with the same optimum', () => {
    const graph = nearExact(true);
    const result = assignOptimal(graph);
    expect(result.drivingSide).toBe('mentors');
    expect(result.matchedCount).toBe(8);
    expect(result.totalWeight).toBe(assignOptimal(graph, { drivingSide: 'mentees' }).totalWeight);
  });

  it('lets mentees drive when every mentee can be matched', () => {
    expect(assignOptimal(nearExact(false)).drivingSide).toBe('mentees');
  });
});
