import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignOptimal } from './assign-optimal.ts';
import { buildCandidateGraph } from './candidate-graph.ts';
import { countMaximumMatching } from './count-maximum-matching.ts';
import { arbitrarySmallGraph } from './test-support.ts';

describe('countMaximumMatching', () => {
  it('matches as many mentees as the exact assignment does', () => {
    fc.assert(
      fc.property(arbitrarySmallGraph({ mentees: 14, mentors: 8 }), (graph) => {
        expect(countMaximumMatching(graph)).toBe(assignOptimal(graph).matchedCount);
      }),
      { numRuns: 500 },
    );
  });

  it('finds augmenting paths the greedy start misses', () => {
    // Greedy gives mentor 0 to mentee 0; mentee 1 can only have mentor 0.
    const graph = buildCandidateGraph(
      3,
      [1, 1],
      [
        { mentee: 0, mentor: 0, score: 1 },
        { mentee: 0, mentor: 1, score: 1 },
        { mentee: 1, mentor: 0, score: 1 },
        { mentee: 2, mentor: 1, score: 1 },
      ],
    );
    expect(countMaximumMatching(graph)).toBe(2);
    const chain = buildCandidateGraph(
      2,
      [1, 1],
      [
        { mentee: 0, mentor: 0, score: 1 },
        { mentee: 0, mentor: 1, score: 1 },
        { mentee: 1, mentor: 0, score: 1 },
      ],
    );
    expect(countMaximumMatching(chain)).toBe(2);
  });
});
