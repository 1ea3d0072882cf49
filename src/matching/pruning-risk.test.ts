import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignOptimal } from './assign-optimal.ts';
import type { IndexedPair } from './candidate-graph.ts';
import { buildCandidateGraph } from './candidate-graph.ts';
import { pruneToTopK } from './test-support.ts';

/** Full pair lists with integer scores, mentor capacities 0–3, and a top-k size. */
const arbitraryFullInstance = fc
  .record({
    menteeCount: fc.integer({ min: 1, max: 9 }),
    mentorCount: fc.integer({ min: 1, max: 7 }),
  })
  .chain(({ menteeCount, mentorCount }) =>
    fc.record({
      menteeCount: fc.constant(menteeCount),
      capacity: fc.array(fc.integer({ min: 0, max: 3 }), {
        minLength: mentorCount,
        maxLength: mentorCount,
      }),
      // null: the pair is not allowed at all (not a pruned one).
      score: fc.array(fc.option(fc.integer({ min: 0, max: 12 }), { freq: 4 }), {
        minLength: menteeCount * mentorCount,
        maxLength: menteeCount * mentorCount,
      }),
      k: fc.integer({ min: 1, max: mentorCount }),
      drivingSide: fc.constantFrom<'auto' | 'mentees' | 'mentors'>('auto', 'mentees', 'mentors'),
    }),
  );

describe('menteesAtPruningRisk', () => {
  it('is 0 only when the pruned optimum is optimal for the full graph too', () => {
    let certified = 0;
    fc.assert(
      fc.property(arbitraryFullInstance, ({ menteeCount, capacity, score, k, drivingSide }) => {
        const { all, kept, prunedBound } = pruneToTopK(menteeCount, capacity.length, score, k);
        // The dummy cost only orders "more matched" first within the pruned graph's score
        // range; left-out scores below it are outside what the check claims.
        const keptMin = Math.min(...kept.map((p) => p.score));
        fc.pre(all.every((p) => p.score >= keptMin));
        const full = assignOptimal(buildCandidateGraph(menteeCount, capacity, all));
        const pruned = assignOptimal(buildCandidateGraph(menteeCount, capacity, kept), {
          prunedBound,
          drivingSide,
        });
        expect(pruned.menteesAtPruningRisk).toBeGreaterThanOrEqual(0);
        if (pruned.menteesAtPruningRisk === 0) {
          certified++;
          expect(pruned.matchedCount).toBe(full.matchedCount);
          expect(pruned.totalWeight).toBe(full.totalWeight);
        }
        // Nothing was pruned: nobody can be at risk.
        if (prunedBound.every((b) => b === -Infinity)) expect(pruned.menteesAtPruningRisk).toBe(0);
      }),
      { numRuns: 400 },
    );
    // The property must not hold vacuously.
    expect(certified).toBeGreaterThan(50);
  });

  it('certifies a pruned graph whose left-out pairs all score below the duals', () => {
    // Two mentees, two mentors of one place; each mentee's second choice is far worse.
    const all: IndexedPair[] = [
      { mentee: 0, mentor: 0, score: 10 },
      { mentee: 0, mentor: 1, score: 1 },
      { mentee: 1, mentor: 1, score: 10 },
      { mentee: 1, mentor: 0, score: 1 },
    ];
    const { kept, prunedBound } = pruneToTopK(2, 2, [10, 1, 1, 10], 1);
    expect(kept).toHaveLength(2);
    for (const drivingSide of ['mentees', 'mentors'] as const) {
      const pruned = assignOptimal(buildCandidateGraph(2, [1, 1], kept), {
        prunedBound,
        drivingSide,
      });
      expect(pruned.menteesAtPruningRisk).toBe(0);
      expect(pruned.totalWeight).toBe(
        assignOptimal(buildCandidateGraph(2, [1, 1], all)).totalWeight,
      );
    }
  });

  it('flags a mentee whose left-out mentor has a free place', () => {
    // Mentee 1 keeps only mentor 0, taken by mentee 0; mentor 1 (left out) is free.
    const kept: IndexedPair[] = [
      { mentee: 0, mentor: 0, score: 10 },
      { mentee: 1, mentor: 0, score: 5 },
    ];
    const prunedBound = Float64Array.from([-Infinity, 4]);
    const pruned = assignOptimal(buildCandidateGraph(2, [1, 1], kept), { prunedBound });
    expect(pruned.matchedCount).toBe(1);
    expect(pruned.menteesAtPruningRisk).toBe(1);
  });
});
