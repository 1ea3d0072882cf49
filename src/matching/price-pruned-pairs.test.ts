import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignOptimal } from './assign-optimal.ts';
import { buildScoredCandidateGraph } from './build-candidate-graph.ts';
import type { CandidateGraph, IndexedPair } from './candidate-graph.ts';
import { buildCandidateGraph } from './candidate-graph.ts';
import { checkPairAllowed, keyPair } from './hard-constraints.ts';
import { prepareProfiles } from './prepare-profiles.ts';
import type { PricedOptimum, PrunedPairSource } from './price-pruned-pairs.ts';
import { createProfilePairSource, pricePrunedPairs } from './price-pruned-pairs.ts';
import { createScoringContext, scorePair } from './score-pair.ts';
import { arbitraryProfiles, findBestByBruteForce, pruneToTopK } from './test-support.ts';

/** A full score matrix (null: forbidden pair), capacities, and how many candidates to keep. */
const arbitraryMatrix = fc
  .record({
    menteeCount: fc.integer({ min: 1, max: 7 }),
    mentorCount: fc.integer({ min: 1, max: 6 }),
    decimals: fc.boolean(),
  })
  .chain(({ menteeCount, mentorCount, decimals }) =>
    fc.record({
      menteeCount: fc.constant(menteeCount),
      capacity: fc.array(fc.integer({ min: 0, max: 2 }), {
        minLength: mentorCount,
        maxLength: mentorCount,
      }),
      // Negative scores too: left-out pairs may score below everything the graph kept.
      score: fc.array(fc.option(fc.integer({ min: -6, max: 12 }), { freq: 4 }), {
        minLength: menteeCount * mentorCount,
        maxLength: menteeCount * mentorCount,
      }),
      decimals: fc.constant(decimals),
      k: fc.integer({ min: 1, max: 2 }),
      drivingSide: fc.constantFrom<'auto' | 'mentees' | 'mentors'>('auto', 'mentees', 'mentors'),
    }),
  );

type MatrixInstance = {
  menteeCount: number;
  capacity: number[];
  score: (number | null)[];
  decimals: boolean;
  k: number;
};

/** Every allowed pair, each mentee's k best kept (ties by mentor), the best left out. */
function pruneMatrix({ menteeCount, capacity, score, decimals, k }: MatrixInstance) {
  const mentorCount = capacity.length;
  const value = (i: number, j: number) => {
    const raw = score[i * mentorCount + j];
    return raw === null || raw === undefined ? null : decimals ? raw / 7 : raw;
  };
  const values = Array.from({ length: menteeCount * mentorCount }, (_, at) =>
    value(Math.floor(at / mentorCount), at % mentorCount),
  );
  const { all, kept, prunedBound } = pruneToTopK(menteeCount, mentorCount, values, k);
  const source: PrunedPairSource = {
    scorePair: (i, j) => value(i, j) ?? NaN,
    scoreFloor: decimals ? -6 / 7 : -6,
    integerScores: !decimals,
  };
  return {
    full: buildCandidateGraph(menteeCount, capacity, all),
    pruned: buildCandidateGraph(menteeCount, capacity, kept),
    prunedBound,
    source,
  };
}

/** The assignment uses real pairs with their true scores and respects every capacity. */
function expectFeasible(priced: PricedOptimum, source: PrunedPairSource, input: CandidateGraph) {
  const { graph, assignment, inputArc } = priced;
  const load = new Int32Array(graph.mentorCount);
  for (let i = 0; i < graph.menteeCount; i++) {
    const arc = assignment.menteeArc[i]!;
    if (arc < 0) continue;
    expect(arc).toBeGreaterThanOrEqual(graph.arcStart[i]!);
    expect(arc).toBeLessThan(graph.arcStart[i + 1]!);
    const mentor = graph.arcMentor[arc]!;
    load[mentor]!++;
    if (inputArc[arc]! >= 0) {
      expect(input.arcMentor[inputArc[arc]!]).toBe(mentor);
      expect(input.arcScore[inputArc[arc]!]).toBe(graph.arcScore[arc]);
    } else {
      expect(graph.arcScore[arc]).toBe(source.scorePair(i, mentor));
    }
  }
  for (let j = 0; j < graph.mentorCount; j++) {
    expect(load[j]).toBeLessThanOrEqual(graph.mentorCapacity[j]!);
  }
}

describe('pricePrunedPairs on score matrices', () => {
  it('certifies the optimum of the unpruned problem, even with left-out scores below the graph', () => {
    let bitten = 0;
    fc.assert(
      fc.property(arbitraryMatrix, (instance) => {
        const { full, pruned, prunedBound, source } = pruneMatrix(instance);
        const priced = pricePrunedPairs(pruned, prunedBound, source, {
          assign: { drivingSide: instance.drivingSide },
          arcsPerMentee: 1,
        });
        expect(priced.isCertified).toBe(true);
        expect(priced.remainingMentees).toBe(0);
        const best = findBestByBruteForce(full, priced.assignment.scale);
        expect([priced.assignment.matchedCount, priced.assignment.totalWeight]).toEqual(best);
        expectFeasible(priced, source, pruned);
        const plain = assignOptimal(pruned);
        const plainBest = findBestByBruteForce(full, plain.scale);
        if (plain.matchedCount !== plainBest[0] || plain.totalWeight !== plainBest[1]) {
          bitten++;
          expect(priced.arcsAdded).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
    // Pruning must really have cost optimality in many runs, or the test proves little.
    expect(bitten).toBeGreaterThan(50);
  });

  it('says when the cap on rounds or scored pairs stops it, and what remains', () => {
    // Mentee 1 keeps only mentor 0, taken by mentee 0; mentor 1 (left out) is free.
    const pruned = buildCandidateGraph(
      2,
      [1, 1],
      [
        { mentee: 0, mentor: 0, score: 10 },
        { mentee: 1, mentor: 0, score: 5 },
      ],
    );
    const prunedBound = Float64Array.from([-Infinity, 4]);
    const source: PrunedPairSource = {
      scorePair: (i, j) => (i === 1 && j === 1 ? 4 : NaN),
      scoreFloor: 0,
      integerScores: true,
    };
    const certified = pricePrunedPairs(pruned, prunedBound, source);
    expect(certified).toMatchObject({ isCertified: true, arcsAdded: 1, scoredPairs: 1 });
    expect(certified.rounds).toHaveLength(2);
    expect(certified.assignment.matchedCount).toBe(2);
    expect(certified.assignment.totalWeight).toBe(14);

    const capped = pricePrunedPairs(pruned, prunedBound, source, { maxRounds: 1 });
    expect(capped).toMatchObject({
      isCertified: false,
      stoppedBy: 'rounds',
      remainingMentees: 1,
      remainingPairs: 1,
      arcsAdded: 0,
    });
    expect(capped.assignment.matchedCount).toBe(1);

    const unscored = pricePrunedPairs(pruned, prunedBound, source, { maxScoredPairs: 0 });
    expect(unscored).toMatchObject({
      isCertified: false,
      stoppedBy: 'scored pairs',
      remainingMentees: 1,
      scoredPairs: 0,
    });
  });

  it('reports a hit cap on random instances exactly when more rounds would change the result', () => {
    fc.assert(
      fc.property(arbitraryMatrix, (instance) => {
        const { full, pruned, prunedBound, source } = pruneMatrix(instance);
        const capped = pricePrunedPairs(pruned, prunedBound, source, { maxRounds: 1 });
        const best = findBestByBruteForce(full, capped.assignment.scale);
        const isBest =
          capped.assignment.matchedCount === best[0] && capped.assignment.totalWeight === best[1];
        // Certified means optimal; a result that is not optimal is never called certified.
        if (capped.isCertified) expect(isBest).toBe(true);
        if (!isBest) expect(capped).toMatchObject({ isCertified: false, stoppedBy: 'rounds' });
        if (!capped.isCertified) expect(capped.remainingPairs).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same output for the same input', () => {
    fc.assert(
      fc.property(arbitraryMatrix, (instance) => {
        const first = pruneMatrix(instance);
        const second = pruneMatrix(instance);
        const a = pricePrunedPairs(first.pruned, first.prunedBound, first.source);
        const b = pricePrunedPairs(second.pruned, second.prunedBound, second.source);
        expect(Array.from(a.assignment.menteeArc)).toEqual(Array.from(b.assignment.menteeArc));
        expect(Array.from(a.graph.arcMentor)).toEqual(Array.from(b.graph.arcMentor));
        expect(a.rounds).toEqual(b.rounds);
      }),
      { numRuns: 100 },
    );
  });
});

describe('pricePrunedPairs on profiles', () => {
  it('matches brute force on every allowed pair of small profile instances with k = 1 or 2', () => {
    let bitten = 0;
    let deepened = 0;
    fc.assert(
      fc.property(
        // Few places, rarely paused: mentees compete, so that a list of one or two bites.
        // Fewer restrictions keep most pairs allowed.
        arbitraryProfiles({ mentees: 6, mentors: 5 }).map(({ mentees, mentors }) => ({
          mentees: mentees.map((mentee, i) =>
            i % 3 === 0 ? mentee : { ...mentee, requiredLanguage: undefined },
          ),
          mentors: mentors.map((mentor, j) => ({
            ...mentor,
            isPaused: mentor.isPaused && j % 3 === 0,
            capacity: 1 + (j % 3 === 2 ? 1 : 0),
            programs: j % 3 === 0 ? mentor.programs : [],
          })),
        })),
        fc.integer({ min: 1, max: 2 }),
        fc.option(fc.double({ min: 0, max: 0.4, noNaN: true }), { nil: undefined }),
        // 0: deeper lists as soon as any mentor is to scan; 512: always scans.
        fc.constantFrom(0, 1, 512),
        ({ mentees, mentors }, k, minScore, deepenAbove) => {
          const profiles = prepareProfiles(mentees, mentors);
          const context = createScoringContext(profiles.textIndex);
          const excluded = new Set(
            mentees.slice(0, 1).flatMap((e) => mentors.slice(0, 2).map((m) => keyPair(e.id, m.id))),
          );
          const built = buildScoredCandidateGraph(profiles, context, { k, minScore, excluded });
          const source = createProfilePairSource(profiles, context, { excluded, minScore });
          // The source's scores are the graph's, bit for bit.
          for (let i = 0; i < built.graph.menteeCount; i++) {
            for (let a = built.graph.arcStart[i]!; a < built.graph.arcStart[i + 1]!; a++) {
              expect(source.boundPair!(i, built.graph.arcMentor[a]!)).toBeGreaterThanOrEqual(
                built.graph.arcScore[a]!,
              );
              expect(source.scorePair(i, built.graph.arcMentor[a]!)).toBe(built.graph.arcScore[a]);
            }
          }
          const all: IndexedPair[] = [];
          for (const e of profiles.mentees) {
            for (const m of profiles.mentors) {
              if (checkPairAllowed(e, m, excluded)) continue;
              const score = scorePair(e, m, context);
              if (minScore === undefined || score >= minScore)
                all.push({ mentee: e.index, mentor: m.index, score });
            }
          }
          const full = buildCandidateGraph(
            profiles.mentees.length,
            built.graph.mentorCapacity,
            all,
          );
          const priced = pricePrunedPairs(built.graph, built.prunedBound, source, { deepenAbove });
          if (deepenAbove === 0) deepened += priced.rounds.reduce((n, r) => n + r.deepenedLists, 0);
          expect(priced.isCertified).toBe(true);
          const best = findBestByBruteForce(full, priced.assignment.scale);
          expect([priced.assignment.matchedCount, priced.assignment.totalWeight]).toEqual(best);
          expectFeasible(priced, source, built.graph);
          const plain = assignOptimal(built.graph);
          const plainBest = findBestByBruteForce(full, plain.scale);
          if (plain.matchedCount !== plainBest[0] || plain.totalWeight !== plainBest[1]) bitten++;
        },
      ),
      { numRuns: 600 },
    );
    expect(bitten).toBeGreaterThan(20);
    expect(deepened).toBeGreaterThan(5);
  });
});
