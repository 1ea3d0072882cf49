import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignGreedy, sortArcsByScore } from './assign-greedy.ts';
import { assignStable, derivePreferencesFromScores } from './assign-stable.ts';
import { checkAssignmentFeasible } from './assignment.ts';
import type { CandidateGraph } from './candidate-graph.ts';
import { scaleScores } from './scale-scores.ts';
import { arbitrarySmallGraph } from './test-support.ts';

/**
 * Graphs as any caller may build them, not only through `buildCandidateGraph`: the same pair
 * may appear twice, scores tie often, and some instances have integer scores so far apart
 * that the sorts must leave their fast paths.
 */
const arbitraryRawGraph = (limits = { mentees: 7, mentors: 5, arcsPerMentee: 8 }) =>
  fc
    .record({
      menteeCount: fc.integer({ min: 1, max: limits.mentees }),
      capacities: fc.array(fc.integer({ min: 0, max: 3 }), {
        minLength: 1,
        maxLength: limits.mentors,
      }),
      scoreKind: fc.constantFrom('ties', 'decimal', 'huge'),
      rows: fc.array(
        fc.array(fc.record({ mentor: fc.nat(), score: fc.integer({ min: -5, max: 1000 }) }), {
          maxLength: limits.arcsPerMentee,
        }),
        { maxLength: limits.mentees },
      ),
    })
    .map(({ menteeCount, capacities, scoreKind, rows }): CandidateGraph => {
      const arcStart = new Int32Array(menteeCount + 1);
      const mentors: number[] = [];
      const scores: number[] = [];
      for (let i = 0; i < menteeCount; i++) {
        for (const arc of rows[i] ?? []) {
          mentors.push(arc.mentor % capacities.length);
          scores.push(
            scoreKind === 'ties'
              ? arc.score % 4
              : scoreKind === 'decimal'
                ? arc.score / 1000
                : // Integers 10^12 apart: far beyond 32-bit radix keys.
                  (Math.abs(arc.score) % 3) * 1e12,
          );
        }
        arcStart[i + 1] = mentors.length;
      }
      return {
        menteeCount,
        mentorCount: capacities.length,
        mentorCapacity: Int32Array.from(capacities),
        arcStart,
        arcMentor: Int32Array.from(mentors),
        arcScore: Float64Array.from(scores),
      };
    });

/** The documented order, written the obvious way: scaled weight down, then arc index. */
function orderArcsPlainly(graph: CandidateGraph): number[] {
  const { weight } = scaleScores(graph, graph.menteeCount);
  return Array.from(weight.keys()).sort((x, y) => weight[y]! - weight[x]! || x - y);
}

function menteeOfArc(graph: CandidateGraph, arc: number): number {
  let mentee = 0;
  while (graph.arcStart[mentee + 1]! <= arc) mentee++;
  return mentee;
}

/** Greedy as specified: walk the order, keep a pair when both sides are still available. */
function assignGreedyPlainly(graph: CandidateGraph): number[] {
  const menteeArc = new Array<number>(graph.menteeCount).fill(-1);
  const load = new Array<number>(graph.mentorCount).fill(0);
  for (const arc of orderArcsPlainly(graph)) {
    const mentee = menteeOfArc(graph, arc);
    const mentor = graph.arcMentor[arc]!;
    if (menteeArc[mentee]! >= 0 || load[mentor]! >= graph.mentorCapacity[mentor]!) continue;
    menteeArc[mentee] = arc;
    load[mentor]!++;
  }
  return menteeArc;
}

describe('assignGreedy', () => {
  // Stable on preferences derived from scores belongs here too: both sides rank by one
  // global order of arcs, so its only stable matching is the greedy one.
  it.each([
    ['greedy', assignGreedy],
    ['stable with derived preferences', (graph: CandidateGraph) => assignStable(graph)],
  ])(
    '%s takes exactly the pairs of the plain greedy walk, duplicates and ties included',
    (_name, assign) => {
      fc.assert(
        fc.property(arbitraryRawGraph(), (graph) => {
          const result = assign(graph);
          expect(checkAssignmentFeasible(graph, result)).toBeNull();
          expect(Array.from(result.menteeArc)).toEqual(assignGreedyPlainly(graph));
        }),
        { numRuns: 500 },
      );
    },
  );

  it('agrees with the plain walk when buckets are large enough to be ordered by counting', () => {
    fc.assert(
      fc.property(arbitraryRawGraph({ mentees: 40, mentors: 12, arcsPerMentee: 12 }), (graph) => {
        expect(Array.from(assignGreedy(graph).menteeArc)).toEqual(assignGreedyPlainly(graph));
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with the plain walk on graphs built from pairs', () => {
    fc.assert(
      fc.property(arbitrarySmallGraph({ mentees: 12, mentors: 6 }), (graph) => {
        expect(Array.from(assignGreedy(graph).menteeArc)).toEqual(assignGreedyPlainly(graph));
      }),
      { numRuns: 300 },
    );
  });

  it('sorts arcs by scaled score, ties by arc index', () => {
    fc.assert(
      fc.property(arbitraryRawGraph(), (graph) => {
        expect(Array.from(sortArcsByScore(graph))).toEqual(orderArcsPlainly(graph));
      }),
      { numRuns: 300 },
    );
  });
});

describe('stable with preferences derived from scores', () => {
  it('ranks every row by score then listing order, and every mentor by score then index', () => {
    fc.assert(
      fc.property(arbitraryRawGraph(), (graph) => {
        const { menteeRanking, mentorRank } = derivePreferencesFromScores(graph);
        const order = orderArcsPlainly(graph);
        const position = new Map(order.map((arc, k) => [arc, k]));
        for (let i = 0; i < graph.menteeCount; i++) {
          const row = order.filter((arc) => menteeOfArc(graph, arc) === i);
          expect(Array.from(menteeRanking[i]!)).toEqual(row);
        }
        // Within one mentor, mentor ranks sort arcs in the global order.
        for (let j = 0; j < graph.mentorCount; j++) {
          const arcs = order.filter((arc) => graph.arcMentor[arc] === j);
          const byRank = [...arcs].sort((x, y) => mentorRank[x]! - mentorRank[y]!);
          expect(byRank).toEqual(arcs.sort((x, y) => position.get(x)! - position.get(y)!));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('ranks exactly when packed keys would exceed 2^53 (long rows, huge integer scores)', () => {
    const arbitraryLongRows = fc
      .array(fc.integer({ min: 0, max: 2 }), { minLength: 300, maxLength: 300 })
      .map((levels): CandidateGraph => {
        const mentorCount = 150;
        return {
          menteeCount: 2,
          mentorCount,
          mentorCapacity: new Int32Array(mentorCount).fill(1),
          arcStart: Int32Array.from([0, mentorCount, 2 * mentorCount]),
          arcMentor: Int32Array.from(levels, (_, arc) => arc % mentorCount),
          arcScore: Float64Array.from(levels, (level) => level * 4e13),
        };
      });
    fc.assert(
      fc.property(arbitraryLongRows, (graph) => {
        const { menteeRanking } = derivePreferencesFromScores(graph);
        const order = orderArcsPlainly(graph);
        expect(Array.from(menteeRanking[0]!)).toEqual(order.filter((arc) => arc < 150));
        expect(Array.from(assignStable(graph).menteeArc)).toEqual(assignGreedyPlainly(graph));
        expect(Array.from(assignGreedy(graph).menteeArc)).toEqual(assignGreedyPlainly(graph));
      }),
      { numRuns: 30 },
    );
  });
});
