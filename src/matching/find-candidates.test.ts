import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildScoredCandidateGraph } from './build-candidate-graph.ts';
import { buildCandidateGraphInParallel } from './build-candidate-graph-in-parallel.ts';
import type { CandidateList } from './find-candidates.ts';
import { createCandidateWorkspace, findCandidateBatch, findCandidates } from './find-candidates.ts';
import { checkMentorAvailable, checkPairAllowed, keyPair } from './hard-constraints.ts';
import type { MenteeProfile, MentorProfile } from './instance.ts';
import type { PreparedMentee, PreparedProfiles } from './prepare-profiles.ts';
import { prepareProfiles } from './prepare-profiles.ts';
import type { ScoringContext } from './score-pair.ts';
import { createScoringContext, scorePair } from './score-pair.ts';
import { buildScoringTables, isPairAllowedInTables } from './scoring-tables.ts';
import { createSuggestionIndex, suggestMentees, suggestMentors } from './suggest.ts';
import { arbitraryProfiles } from './test-support.ts';

/** Some mentors get more than two occupations and sectors (the tables' slow path). */
const arbitraryRichProfiles = (limits: { mentees: number; mentors: number }) =>
  fc
    .tuple(arbitraryProfiles(limits), fc.array(fc.boolean(), { maxLength: limits.mentors }))
    .map(([{ mentees, mentors }, rich]) => ({
      mentees,
      mentors: mentors.map((mentor, j) =>
        rich[j]
          ? {
              ...mentor,
              occupations: ['K2111', 'G1602', 'D1502', ...(mentor.occupations ?? [])],
              sectors: ['56.10A', '10.71C', '47.11B', ...(mentor.sectors ?? [])],
            }
          : mentor,
      ),
    }));

const arbitraryWeights = fc.option(
  fc.record({
    track: fc.double({ min: 0, max: 1, noNaN: true }),
    occupation: fc.double({ min: 0, max: 1, noNaN: true }),
    text: fc.double({ min: 0.01, max: 1, noNaN: true }),
  }),
  { nil: undefined },
);

function excludeSome(mentees: readonly MenteeProfile[], mentors: readonly MentorProfile[]) {
  return new Set(
    mentees
      .slice(0, 2)
      .flatMap((mentee) => mentors.slice(0, 3).map((mentor) => keyPair(mentee.id, mentor.id))),
  );
}

/** Every allowed pair scored and sorted: what pruning must reproduce. */
function rankByBruteForce(
  profiles: PreparedProfiles,
  mentee: PreparedMentee,
  context: ScoringContext,
  excluded: ReadonlySet<string>,
  minScore: number | undefined,
) {
  return profiles.mentors
    .filter((mentor) => !checkPairAllowed(mentee, mentor, excluded))
    .map((mentor) => ({ index: mentor.index, score: scorePair(mentee, mentor, context) }))
    .filter((candidate) => minScore === undefined || candidate.score >= minScore)
    .sort((a, b) => b.score - a.score || a.index - b.index);
}

/** Checks every mentee's list against brute force: same top-k, nothing left out above its bound. */
function expectBruteForceLists(
  { mentees, mentors }: { mentees: MenteeProfile[]; mentors: MentorProfile[] },
  k: number,
  minScore: number | undefined,
  weights: Parameters<typeof createScoringContext>[1],
) {
  const profiles = prepareProfiles(mentees, mentors);
  const context = createScoringContext(profiles.textIndex, weights);
  const excluded = excludeSome(mentees, mentors);
  const tables = buildScoringTables(profiles, context, excluded);
  // The whole batch again, with the rows cut into segments of a few rows.
  const batched: CandidateList[] = [];
  findCandidateBatch(
    tables,
    0,
    profiles.mentees.length,
    { k, minScore },
    createCandidateWorkspace(tables, k, 8),
    (mentee, list) => (batched[mentee] = list),
  );
  for (const mentee of profiles.mentees) {
    const ranked = rankByBruteForce(profiles, mentee, context, excluded, minScore);
    const expected = ranked.slice(0, k);
    for (const list of [
      findCandidates(tables, mentee.index, { k, minScore }),
      batched[mentee.index]!,
    ]) {
      expect(Array.from(list.mentors)).toEqual(expected.map((candidate) => candidate.index));
      expect(Array.from(list.scores)).toEqual(expected.map((candidate) => candidate.score));
      // Nothing left out may beat the bound that pruning reports.
      for (const candidate of ranked.slice(k))
        expect(candidate.score).toBeLessThanOrEqual(list.prunedBound);
      if (ranked.length <= k) expect(list.prunedBound).toBe(-Infinity);
    }
  }
  return tables;
}

describe('findCandidates', () => {
  it('returns exactly the top-k allowed mentors that scoring every pair would give', () => {
    fc.assert(
      fc.property(
        arbitraryRichProfiles({ mentees: 5, mentors: 40 }),
        fc.integer({ min: 1, max: 8 }),
        fc.option(fc.double({ min: 0, max: 0.6, noNaN: true }), { nil: undefined }),
        arbitraryWeights,
        (profiles, k, minScore, weights) => {
          expectBruteForceLists(profiles, k, minScore, weights);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reports nothing left out when what it did not list is below the minimum score', () => {
    // Found by the property above: the better mentor fills the list of one first, and the
    // other's bound (its score plus the slack of a bound) reaches a minimum score set just
    // above its score.
    const place = { communeCode: '13201', parentCommuneCode: '13055', epciCode: '200054807' };
    const mentee: MenteeProfile = {
      id: 'e0',
      track: 'job_search',
      needs: ['accounting'],
      ...place,
    };
    const mentor = (id: string, kind: 'entrepreneur' | 'executive'): MentorProfile => ({
      id,
      kind,
      expertise: ['accounting'],
      capacity: 1,
      ...place,
    });
    const profiles = prepareProfiles(
      [mentee],
      [mentor('m0', 'entrepreneur'), mentor('m1', 'executive')],
    );
    const context = createScoringContext(profiles.textIndex);
    const scores = profiles.mentors.map((m) => scorePair(profiles.mentees[0]!, m, context));
    const minScore = Math.min(...scores) + 1e-10;
    expect(Math.max(...scores)).toBeGreaterThanOrEqual(minScore);
    expect(Math.min(...scores)).toBeLessThan(minScore);
    const tables = buildScoringTables(profiles, context, new Set());
    const list = findCandidates(tables, 0, { k: 1, minScore });
    expect(Array.from(list.mentors)).toEqual([scores[0]! > scores[1]! ? 0 : 1]);
    expect(list.prunedBound).toBe(-Infinity);
  });

  it('stays exact with many alike mentors and more terms than the frequent-term bits', () => {
    // Few expertise masks and kinds, so that many rows tie on what the filter bounds exactly
    // and the text decides; synthetic words push the vocabulary past the 64 frequent terms
    // with bits.
    const word = (n: number) =>
      `zo${String.fromCharCode(97 + (n % 26))}${String.fromCharCode(97 + Math.floor(n / 26))}ar`;
    const crowded = fc
      .tuple(
        arbitraryProfiles({ mentees: 6, mentors: 12 }),
        fc.array(fc.integer({ min: 0, max: 89 }), { minLength: 400, maxLength: 400 }),
      )
      .map(([{ mentees, mentors }, draws]) => ({
        mentees: mentees.map((mentee, i) => ({
          ...mentee,
          project: `${mentee.project ?? ''} ${[0, 1, 2, 3].map((t) => word(draws[300 + 4 * i + t]!)).join(' ')}`,
        })),
        // 120 mentors built from the drawn ones, in many blocks and segments of the filter.
        mentors: Array.from({ length: 120 }, (_, j) => ({
          ...(mentors[j % Math.max(1, mentors.length)] ?? {}),
          id: `m${j}`,
          isPaused: false,
          capacity: 1,
          expertise: j % 5 === 0 ? ['sales' as const] : ['financing' as const, 'legal' as const],
          kind: j % 4 === 0 ? ('entrepreneur' as const) : ('retired' as const),
          experience: `${mentors[j % Math.max(1, mentors.length)]?.experience ?? ''} ${[0, 1, 2, 3].map((t) => word(draws[10 + 4 * j + t]!)).join(' ')}`,
        })),
      }));
    // Text or places weighing most, so that their bounds decide what is skipped.
    const heavyWeights = fc.constantFrom(undefined, { text: 3 }, { geography: 3 });
    fc.assert(
      fc.property(crowded, fc.integer({ min: 1, max: 6 }), heavyWeights, (profiles, k, weights) => {
        const tables = expectBruteForceLists(profiles, k, undefined, weights);
        expect(tables.termBit.some((bit) => bit < 0)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('applies the hard constraints on the tables exactly as on the profiles', () => {
    fc.assert(
      fc.property(arbitraryProfiles({ mentees: 6, mentors: 12 }), ({ mentees, mentors }) => {
        const profiles = prepareProfiles(mentees, mentors);
        const excluded = excludeSome(mentees, mentors);
        const tables = buildScoringTables(
          profiles,
          createScoringContext(profiles.textIndex),
          excluded,
        );
        const available = profiles.mentors.filter((mentor) => !checkMentorAvailable(mentor));
        // Rows are the available mentors, each once.
        expect(Array.from(tables.rowMentor).sort((a, b) => a - b)).toEqual(
          available.map((mentor) => mentor.index),
        );
        for (const mentee of profiles.mentees) {
          tables.rowMentor.forEach((mentor, row) => {
            expect(isPairAllowedInTables(tables, mentee.index, row)).toBe(
              checkPairAllowed(mentee, profiles.mentors[mentor]!, excluded) === null,
            );
          });
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('suggestions', () => {
  it('give the brute-force top-k mentors, with explanations summing to their scores', () => {
    fc.assert(
      fc.property(arbitraryRichProfiles({ mentees: 5, mentors: 30 }), ({ mentees, mentors }) => {
        const profiles = prepareProfiles(mentees, mentors);
        const context = createScoringContext(profiles.textIndex);
        const excluded = excludeSome(mentees, mentors);
        const index = createSuggestionIndex(profiles, context, excluded);
        for (const mentee of profiles.mentees) {
          const suggestions = suggestMentors(index, mentee.index, 5);
          const expected = rankByBruteForce(profiles, mentee, context, excluded, undefined);
          expect(suggestions.map(({ index: at, score }) => ({ index: at, score }))).toEqual(
            expected.slice(0, 5),
          );
          for (const suggestion of suggestions) {
            expect(suggestion.explanation.reduce((sum, line) => sum + line.contribution, 0)).toBe(
              suggestion.score,
            );
          }
        }
        for (const mentor of profiles.mentors) {
          const suggestions = suggestMentees(index, mentor.index, 3);
          for (const suggestion of suggestions) {
            expect(
              checkPairAllowed(profiles.mentees[suggestion.index]!, mentor, excluded),
            ).toBeNull();
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('candidate graphs', () => {
  it('are the same for the same input', () => {
    fc.assert(
      fc.property(arbitraryProfiles({ mentees: 6, mentors: 15 }), ({ mentees, mentors }) => {
        const build = () => {
          const profiles = prepareProfiles(mentees, mentors);
          return buildScoredCandidateGraph(profiles, createScoringContext(profiles.textIndex), {
            k: 4,
            excluded: new Set(),
          });
        };
        const [first, second] = [build(), build()];
        expect(Array.from(first.graph.arcStart)).toEqual(Array.from(second.graph.arcStart));
        expect(Array.from(first.graph.arcMentor)).toEqual(Array.from(second.graph.arcMentor));
        expect(Array.from(first.graph.arcScore)).toEqual(Array.from(second.graph.arcScore));
        expect(Array.from(first.prunedBound)).toEqual(Array.from(second.prunedBound));
      }),
      { numRuns: 50 },
    );
  });

  it('are the same on one thread, one worker and two workers', async () => {
    // Enough mentees for both workers to claim chunks; fixed seed-free data from fast-check.
    const { mentees, mentors } = fc.sample(arbitraryRichProfiles({ mentees: 1, mentors: 60 }), {
      numRuns: 1,
      seed: 7,
    })[0]!;
    const many = fc
      .sample(arbitraryProfiles({ mentees: 6, mentors: 0 }), { numRuns: 120, seed: 8 })
      .flatMap((batch) => batch.mentees);
    const allMentees = [...mentees, ...many].map((mentee, index) => ({
      ...mentee,
      id: `e${index}`,
    }));
    expect(allMentees.length).toBeGreaterThan(256);
    const excluded = [keyPair('e1', 'm2'), keyPair('e3', 'm0')];
    const profiles = prepareProfiles(allMentees, mentors);
    const single = buildScoredCandidateGraph(profiles, createScoringContext(profiles.textIndex), {
      k: 7,
      minScore: 0.2,
      excluded: new Set(excluded),
    });
    for (const threads of [1, 2]) {
      const parallel = await buildCandidateGraphInParallel(allMentees, mentors, profiles, {
        threads,
        k: 7,
        minScore: 0.2,
        excluded,
      });
      expect(Array.from(parallel.graph.arcStart)).toEqual(Array.from(single.graph.arcStart));
      expect(Array.from(parallel.graph.arcMentor)).toEqual(Array.from(single.graph.arcMentor));
      expect(Array.from(parallel.graph.arcScore)).toEqual(Array.from(single.graph.arcScore));
      expect(Array.from(parallel.prunedBound)).toEqual(Array.from(single.prunedBound));
      expect(parallel.scoredPairs).toBe(single.scoredPairs);
    }
  });
});

describe('hard constraints', () => {
  const base = { id: 'e', meetingMode: 'both' as const };
  const mentor = { id: 'm', capacity: 1 };
  const reasonOf = (menteeFields: object, mentorFields: object, excluded = new Set<string>()) => {
    const profiles = prepareProfiles(
      [{ ...base, ...menteeFields }],
      [{ ...mentor, ...mentorFields }],
    );
    return checkPairAllowed(profiles.mentees[0]!, profiles.mentors[0]!, excluded);
  };

  it('names the constraint that rules a pair out', () => {
    expect(reasonOf({}, {})).toBeNull();
    expect(reasonOf({}, { isPaused: true })).toBe('mentor_paused');
    expect(reasonOf({}, { capacity: 0 })).toBe('mentor_full');
    expect(reasonOf({}, {}, new Set([keyPair('e', 'm')]))).toBe('excluded');
    expect(reasonOf({ employer: 'ACME SA' }, { employer: 'acme  sa' })).toBe(
      'conflict_of_interest',
    );
    expect(
      reasonOf(
        { familyName: 'Martin', communeCode: '13001' },
        { familyName: 'MARTIN', communeCode: '13001' },
      ),
    ).toBe('conflict_of_interest');
    expect(
      reasonOf(
        { familyName: 'Martin', communeCode: '13001' },
        { familyName: 'Martin', communeCode: '84007' },
      ),
    ).toBeNull();
    expect(reasonOf({ program: 'workup' }, { programs: ['apec'] })).toBe('program_restricted');
    expect(reasonOf({}, { programs: ['apec'] })).toBe('program_restricted');
    expect(reasonOf({ program: 'apec' }, { programs: ['apec'] })).toBeNull();
    expect(reasonOf({ requiredLanguage: 'ar' }, { languages: ['fr', 'en'] })).toBe(
      'language_required',
    );
  });
});
