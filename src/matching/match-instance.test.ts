import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MATCHING_MODES } from '../domain/tandems.ts';
import type { MatchingInstance } from './instance.ts';
import { matchInstance } from './match-instance.ts';
import { arbitraryProfiles } from './test-support.ts';

/** Random instances in the on-disk format, with pairs, exclusions and capacities. */
const arbitraryInstance = fc
  .record({
    mentorCapacities: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 5 }),
    menteeCount: fc.integer({ min: 1, max: 8 }),
    pairs: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 100 })), {
      maxLength: 30,
    }),
    exclusions: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 5 }),
    waitingDays: fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 8, maxLength: 8 }),
  })
  .map(({ mentorCapacities, menteeCount, pairs, exclusions, waitingDays }): MatchingInstance => {
    const mentee = (n: number) => `e${n % menteeCount}`;
    const mentor = (n: number) => `m${n % mentorCapacities.length}`;
    return {
      mentors: mentorCapacities.map((capacity, j) => ({ id: `m${j}`, capacity })),
      mentees: Array.from({ length: menteeCount }, (_, i) => ({
        id: `e${i}`,
        waitingDays: waitingDays[i],
      })),
      pairs: pairs.map(([i, j, score]) => ({
        mentee: mentee(i),
        mentor: mentor(j),
        score: score / 100,
      })),
      exclusions: exclusions.map(([i, j]) => ({ mentee: mentee(i), mentor: mentor(j) })),
    };
  });

const arbitraryOptions = fc.record({
  mode: fc.constantFrom(...MATCHING_MODES),
  fairness: fc.option(
    fc.record({ bonusPerMonth: fc.constantFrom(0.01, 0.05), maxBonus: fc.constantFrom(0.05, 0.2) }),
    { nil: undefined },
  ),
  cap: fc.option(
    fc.record({ threshold: fc.constantFrom(0.5, 0.8), perMentor: fc.integer({ min: 1, max: 2 }) }),
    { nil: undefined },
  ),
});

describe('matchInstance', () => {
  it('always respects capacities, exclusions, allowed pairs and the top-score cap', () => {
    fc.assert(
      fc.property(arbitraryInstance, arbitraryOptions, (instance, { mode, fairness, cap }) => {
        const output = matchInstance(instance, { mode, fairnessBonus: fairness, topScoreCap: cap });
        const allowed = new Map(
          instance.pairs!.map((pair) => [`${pair.mentee}|${pair.mentor}`, pair.score]),
        );
        const excluded = new Set(
          instance.exclusions!.map((pair) => `${pair.mentee}|${pair.mentor}`),
        );
        const load = new Map<string, number>();
        const high = new Map<string, number>();
        for (const line of output.assignments) {
          const key = `${line.mentee}|${line.mentor}`;
          expect(allowed.has(key)).toBe(true);
          expect(excluded.has(key)).toBe(false);
          load.set(line.mentor, (load.get(line.mentor) ?? 0) + 1);
          if (cap && line.score >= cap.threshold)
            high.set(line.mentor, (high.get(line.mentor) ?? 0) + 1);
        }
        for (const mentor of instance.mentors) {
          expect(load.get(mentor.id) ?? 0).toBeLessThanOrEqual(mentor.capacity);
          if (cap) expect(high.get(mentor.id) ?? 0).toBeLessThanOrEqual(cap.perMentor);
        }
        const matched = new Set(output.assignments.map((line) => line.mentee));
        expect(matched.size).toBe(output.assignments.length);
        expect(output.matchedCount).toBe(output.assignments.length);
        expect([...matched, ...output.unmatched].sort()).toEqual(
          instance.mentees.map((mentee) => mentee.id).sort(),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same output for the same input, in every mode', () => {
    fc.assert(
      fc.property(arbitraryInstance, arbitraryOptions, (instance, { mode, fairness, cap }) => {
        const options = { mode, fairnessBonus: fairness, topScoreCap: cap };
        expect(matchInstance(instance, options)).toEqual(matchInstance(instance, options));
      }),
      { numRuns: 100 },
    );
  });

  it('serves the mentee who waited longest when the fairness bonus is on', () => {
    const instance: MatchingInstance = {
      mentors: [{ id: 'm', capacity: 1 }],
      mentees: [
        { id: 'recent', waitingDays: 0 },
        { id: 'patient', waitingDays: 120 },
      ],
      pairs: [
        { mentee: 'recent', mentor: 'm', score: 0.7 },
        { mentee: 'patient', mentor: 'm', score: 0.66 },
      ],
    };
    expect(matchInstance(instance, { mode: 'optimal' }).assignments[0]!.mentee).toBe('recent');
    const fair = matchInstance(instance, {
      mode: 'optimal',
      fairnessBonus: { bonusPerMonth: 0.02, maxBonus: 0.1 },
    });
    expect(fair.assignments[0]).toMatchObject({
      mentee: 'patient',
      score: 0.66,
      fairnessBonus: 0.08,
    });
  });

  it('scores full profiles, respects hard constraints and explains each assignment', () => {
    fc.assert(
      fc.property(
        arbitraryProfiles({ mentees: 6, mentors: 8 }),
        fc.constantFrom(...MATCHING_MODES),
        ({ mentees, mentors }, mode) => {
          const output = matchInstance({ mentees, mentors }, { mode, scoring: { k: 3 } });
          const mentorById = new Map(mentors.map((mentor) => [mentor.id, mentor]));
          for (const line of output.assignments) {
            const mentor = mentorById.get(line.mentor)!;
            expect(mentor.isPaused).not.toBe(true);
            expect(line.explanation!.reduce((sum, part) => sum + part.contribution, 0)).toBe(
              line.score,
            );
          }
          if (mode === 'optimal')
            expect(output.diagnostics?.menteesAtPruningRisk).toBeTypeOf('number');
        },
      ),
      { numRuns: 100 },
    );
  });

  it('prices pruned pairs in on request: never worse, certified, explained, with the bonus too', () => {
    fc.assert(
      fc.property(
        arbitraryProfiles({ mentees: 6, mentors: 8 }),
        fc.boolean(),
        ({ mentees, mentors }, withBonus) => {
          const waited = mentees.map((mentee, i) => ({ ...mentee, waitingDays: 40 * i }));
          const options = {
            mode: 'optimal' as const,
            ...(withBonus ? { fairnessBonus: { bonusPerMonth: 0.01, maxBonus: 0.05 } } : {}),
          };
          const plain = matchInstance(
            { mentees: waited, mentors },
            { ...options, scoring: { k: 1 } },
          );
          const priced = matchInstance(
            { mentees: waited, mentors },
            { ...options, scoring: { k: 1, priceOutPruned: true } },
          );
          const exact = matchInstance(
            { mentees: waited, mentors },
            { ...options, scoring: { k: 8 } },
          );
          expect(priced.diagnostics?.prunedPairPricing).toMatchObject({ isCertified: true });
          expect(priced.diagnostics?.menteesAtPruningRisk).toBe(0);
          expect(priced.matchedCount).toBeGreaterThanOrEqual(plain.matchedCount);
          // k = 8 leaves nothing out: the certified result has the same count and total.
          expect(priced.matchedCount).toBe(exact.matchedCount);
          // Equal optima in scaled integers may differ below the scale (10⁻⁶ a pair).
          const objective = (output: typeof priced) =>
            output.assignments.reduce(
              (sum, line) => sum + line.score + (line.fairnessBonus ?? 0),
              0,
            );
          expect(objective(priced)).toBeCloseTo(objective(exact), 4);
          const mentorById = new Map(mentors.map((mentor) => [mentor.id, mentor]));
          for (const line of priced.assignments) {
            expect(mentorById.get(line.mentor)!.isPaused).not.toBe(true);
            expect(line.explanation!.reduce((sum, part) => sum + part.contribution, 0)).toBe(
              line.score,
            );
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
