import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MenteeProfile, MentorProfile } from './instance.ts';
import { prepareProfiles } from './prepare-profiles.ts';
import { CRITERIA, createScoringContext, explainPair, scorePair } from './score-pair.ts';
import { arbitraryProfiles } from './test-support.ts';

function explainOne(
  mentee: Omit<MenteeProfile, 'id'>,
  mentor: Omit<MentorProfile, 'id' | 'capacity'>,
) {
  const profiles = prepareProfiles([{ id: 'e', ...mentee }], [{ id: 'm', capacity: 1, ...mentor }]);
  const context = createScoringContext(profiles.textIndex);
  return explainPair(profiles.mentees[0]!, profiles.mentors[0]!, context);
}

const lineOf = (result: ReturnType<typeof explainOne>, criterion: string) =>
  result.explanation.find((line) => line.criterion === criterion)!;

describe('explainPair', () => {
  it('explains every score with contributions that add up to it exactly, within [0, 1]', () => {
    fc.assert(
      fc.property(
        arbitraryProfiles(),
        fc.double({ min: 0, max: 5, noNaN: true }),
        ({ mentees, mentors }, textWeight) => {
          const profiles = prepareProfiles(mentees, mentors);
          const context = createScoringContext(profiles.textIndex, { text: textWeight + 0.01 });
          for (const mentee of profiles.mentees) {
            for (const mentor of profiles.mentors) {
              const { score, explanation } = explainPair(mentee, mentor, context);
              expect(explanation.map((line) => line.criterion)).toEqual([...CRITERIA]);
              expect(explanation.reduce((sum, line) => sum + line.contribution, 0)).toBe(score);
              expect(scorePair(mentee, mentor, context)).toBe(score);
              expect(score).toBeGreaterThanOrEqual(0);
              expect(score).toBeLessThanOrEqual(1 + 1e-12);
              for (const line of explanation) expect(line.text.length).toBeGreaterThan(0);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('ranks occupations on the ROME hierarchy and says so in French', () => {
    const same = explainOne({ occupations: ['D1211'] }, { occupations: ['D1211'] });
    const domaine = explainOne({ occupations: ['D1211'] }, { occupations: ['D1214'] });
    const grand = explainOne({ occupations: ['D1211'] }, { occupations: ['D1502'] });
    const none = explainOne({ occupations: ['D1211'] }, { occupations: ['M1805'] });
    const values = [same, domaine, grand, none].map(
      (result) => lineOf(result, 'occupation').contribution,
    );
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(values[3]).toBe(0);
    expect(lineOf(domaine, 'occupation').text).toContain('Même domaine professionnel : D12');
    expect(lineOf(grand, 'occupation').text).toBe(
      'Même grand domaine de métiers : commerce, vente et grande distribution',
    );
  });

  it('ranks sectors on the NAF hierarchy from sous-classe to section', () => {
    const contributions = ['47.11B', '47.11A', '47.19A', '47.21Z', '45.11Z', '62.01Z'].map(
      (code) =>
        lineOf(explainOne({ sectors: ['47.11B'] }, { sectors: [code] }), 'sector').contribution,
    );
    expect(contributions).toEqual([...contributions].sort((a, b) => b - a));
    expect(new Set(contributions).size).toBe(6);
    expect(
      lineOf(explainOne({ sectors: ['62.01Z'] }, { sectors: ['58.11Z'] }), 'sector').text,
    ).toBe('Même section NAF : information et communication (J)');
  });

  it('ranks places: arrondissement > commune > EPCI > département, remote pairs not penalised', () => {
    const inPerson = { meetingMode: 'in_person' as const };
    const marseille1 = {
      ...inPerson,
      communeCode: '13201',
      parentCommuneCode: '13055',
      epciCode: '200054807',
    };
    const marseille2 = {
      ...inPerson,
      communeCode: '13202',
      parentCommuneCode: '13055',
      epciCode: '200054807',
    };
    const aubagne = { ...inPerson, communeCode: '13005', epciCode: '200054807' };
    const arles = { ...inPerson, communeCode: '13004', epciCode: '241300417' };
    const avignon = { ...inPerson, communeCode: '84007', epciCode: '248400251' };
    const values = [marseille1, marseille2, aubagne, arles, avignon].map(
      (place) => lineOf(explainOne(marseille1, place), 'geography').contribution,
    );
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(new Set(values).size).toBe(5);
    const remote = explainOne(
      { ...marseille1, meetingMode: 'both' },
      { ...avignon, meetingMode: 'remote' },
    );
    expect(lineOf(remote, 'geography').contribution).toBe(values[0]);
  });

  it('uses distance when both sides have coordinates', () => {
    const near = explainOne(
      { meetingMode: 'in_person', latitude: 43.3, longitude: 5.4 },
      { meetingMode: 'in_person', latitude: 43.31, longitude: 5.41 },
    );
    const far = explainOne(
      { meetingMode: 'in_person', latitude: 43.3, longitude: 5.4 },
      { meetingMode: 'in_person', latitude: 43.95, longitude: 4.8 },
    );
    expect(lineOf(near, 'geography').contribution).toBeGreaterThan(
      lineOf(far, 'geography').contribution,
    );
    expect(lineOf(near, 'geography').text).toMatch(/^À 1\.\d km$/);
  });

  it('fits tracks to kinds of mentors and covers needs by expertise', () => {
    const founder = explainOne(
      { track: 'business_creation', needs: ['financing', 'sales'] },
      { kind: 'entrepreneur', expertise: ['financing'] },
    );
    const seeker = explainOne({ track: 'job_search' }, { kind: 'entrepreneur' });
    expect(lineOf(founder, 'track').contribution).toBeGreaterThan(
      lineOf(seeker, 'track').contribution,
    );
    expect(lineOf(founder, 'needs').text).toBe('Besoins couverts : financement (1 sur 2)');
  });

  it('finds stemmed French words shared by project and experience', () => {
    const result = explainOne(
      { project: "J'ouvre un restaurant de cuisine provençale" },
      { experience: 'Vingt ans à la tête de restaurants, cuisinier de formation' },
    );
    expect(lineOf(result, 'text').contribution).toBeGreaterThan(0);
    expect(lineOf(result, 'text').text).toContain('« restaur »');
  });
});
