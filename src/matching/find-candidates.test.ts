import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildScoredCandidateGraph } from './build-candidate-graph.ts';
import { findCandidates, catalogMentors } from './find-candidates.ts';
import { checkPairAllowed, keyPair } from './hard-constraints.ts';
import { prepareProfiles } from './prepare-profiles.ts';
import { createScoringContext, scorePair } from './score-pair.ts';
import { createSuggestionIndex, suggestMentees, suggestMentors } from './suggest.ts';
import { arbitraryProfiles } from './test-support.ts';

describe('findCandidates', () => {
  it('returns exactly the top-k allowed mentors that scoring every pair would give', () => {
    fc.assert(
      fc.property(
        arbitraryProfiles({ mentees: 4, mentors: 30 }),
        fc.integer({ min: 1, max: 8 }),
        fc.option(fc.double({ min: 0, max: 0.6, noNaN: true }), { nil: undefined }),
        ({ mentees, mentors }, k, minScore) => {
          const profiles = prepareProfiles(mentees, mentors);
          const context = createScoringContext(profiles.textIndex);
          const catalog = catalogMentors(profiles.mentors);
          const excluded = new Set(
            mentees
              .slice(0, 1)
              .flatMap((mentee) =>
                mentors.slice(0, 3).map((mentor) => keyPair(mentee.id, mentor.id)),
              ),
          );
          for (const mentee of profiles.mentees) {
            const expected = profiles.mentors
              .filter((mentor) => !checkPairAllowed(mentee, mentor, excluded))
              .map((mentor) => ({ index: mentor.index, score: scorePair(mentee, mentor, context) }))
              .filter((candidate) => minScore === undefined || candidate.score >= minScore)
              .sort((a, b) => b.score - a.score || a.index - b.index)
              .slice(0, k);
            const list = findCandidates(mentee, profiles.mentors, catalog, context, {
              k,
              minScore,
              excluded,
            });
            expect(Array.from(list.mentors)).toEqual(expected.map((candidate) => candidate.index));
            expect(Array.from(list.scores)).toEqual(expected.map((candidate) => candidate.score));
            // Nothing left out may beat the bound that pruning reports.
            const kept = new Set(list.mentors);
            for (const mentor of profiles.mentors) {
              if (kept.has(mentor.index) || checkPairAllowed(mentee, mentor, excluded)) continue;
              const score = scorePair(mentee, mentor, context);
              if (minScore === undefined || score >= minScore)
                expect(score).toBeLessThanOrEqual(list.prunedBound);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
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

describe('suggestions', () => {
  it('give top-k mentors and mentees with explanations summing to their scores', () => {
    fc.assert(
      fc.property(arbitraryProfiles({ mentees: 5, mentors: 20 }), ({ mentees, mentors }) => {
        const profiles = prepareProfiles(mentees, mentors);
        const index = createSuggestionIndex(profiles, createScoringContext(profiles.textIndex));
        for (const mentee of profiles.mentees) {
          const suggestions = suggestMentors(index, mentee.index, 5);
          for (const suggestion of suggestions) {
            expect(suggestion.explanation.reduce((sum, line) => sum + line.contribution, 0)).toBe(
              suggestion.score,
            );
          }
          expect(suggestions.map((suggestion) => suggestion.score)).toEqual(
            suggestions.map((suggestion) => suggestion.score).sort((a, b) => b - a),
          );
        }
        for (const mentor of profiles.mentors) {
          const suggestions = suggestMentees(index, mentor.index, 3);
          for (const suggestion of suggestions) {
            expect(
              checkPairAllowed(profiles.mentees[suggestion.index]!, mentor, new Set()),
            ).toBeNull();
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('build the same candidate graph for the same input', () => {
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
        expect(Array.from(first.graph.arcMentor)).toEqual(Array.from(second.graph.arcMentor));
        expect(Array.from(first.graph.arcScore)).toEqual(Array.from(second.graph.arcScore));
      }),
      { numRuns: 50 },
    );
  });
});
