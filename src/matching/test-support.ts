import fc from 'fast-check';
import type { GraphAssignment } from './assignment.ts';
import type { CandidateGraph, IndexedPair } from './candidate-graph.ts';
import { buildCandidateGraph } from './candidate-graph.ts';
import {
  AVAILABILITY_SLOTS,
  MEETING_MODES,
  MENTOR_KINDS,
  NEEDS,
  TRACKS,
} from '../domain/people.ts';
import type { MenteeProfile, MentorProfile } from './instance.ts';

/** Small random graphs for property tests: integer or decimal scores, capacities 0–3. */
export const arbitrarySmallGraph = (limits = { mentees: 6, mentors: 4 }) =>
  fc
    .record({
      menteeCount: fc.integer({ min: 0, max: limits.mentees }),
      capacities: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: limits.mentors }),
      integerScores: fc.boolean(),
      seedPairs: fc.array(
        fc.record({
          mentee: fc.nat(),
          mentor: fc.nat(),
          score: fc.integer({ min: -20, max: 1000 }),
        }),
        { maxLength: 24 },
      ),
    })
    .map(({ menteeCount, capacities, integerScores, seedPairs }): CandidateGraph => {
      const pairs: IndexedPair[] = [];
      if (menteeCount > 0 && capacities.length > 0) {
        for (const pair of seedPairs) {
          pairs.push({
            mentee: pair.mentee % menteeCount,
            mentor: pair.mentor % capacities.length,
            score: integerScores ? pair.score % 7 : pair.score / 1000,
          });
        }
      }
      return buildCandidateGraph(menteeCount, capacities, pairs);
    });

/** Best (matched count, total scaled score) by trying every assignment; tiny graphs only. */
export function findBestByBruteForce(graph: CandidateGraph, scale: number): [number, number] {
  const load = new Int32Array(graph.mentorCount);
  let best: [number, number] = [0, 0];
  const visit = (mentee: number, count: number, total: number): void => {
    if (mentee === graph.menteeCount) {
      if (count > best[0] || (count === best[0] && total > best[1])) best = [count, total];
      return;
    }
    visit(mentee + 1, count, total);
    for (let a = graph.arcStart[mentee]!; a < graph.arcStart[mentee + 1]!; a++) {
      const mentor = graph.arcMentor[a]!;
      if (load[mentor]! >= graph.mentorCapacity[mentor]!) continue;
      load[mentor]!++;
      visit(mentee + 1, count + 1, total + Math.round(graph.arcScore[a]! * scale));
      load[mentor]!--;
    }
  };
  visit(0, 0, 0);
  return best;
}

/** Total of an assignment at the given integer scale. */
export function sumScaled(
  graph: CandidateGraph,
  assignment: GraphAssignment,
  scale: number,
): number {
  let total = 0;
  for (let i = 0; i < graph.menteeCount; i++) {
    const arc = assignment.menteeArc[i]!;
    if (arc >= 0) total += Math.round(graph.arcScore[arc]! * scale);
  }
  return total;
}

const romeCodes = ['M1805', 'M1806', 'M1701', 'D1211', 'D1502', 'G1602', 'K2111'];
const nafCodes = ['62.01Z', '62.02A', '62.09Z', '47.11B', '56.10A', '10.71C', 'J'];
const communes: { communeCode: string; parentCommuneCode?: string; epciCode: string }[] = [
  { communeCode: '13201', parentCommuneCode: '13055', epciCode: '200054807' },
  { communeCode: '13202', parentCommuneCode: '13055', epciCode: '200054807' },
  { communeCode: '13001', epciCode: '200054807' },
  { communeCode: '13103', epciCode: '241300417' },
  { communeCode: '84007', epciCode: '248400251' },
];
const words = [
  'restaurant',
  'cuisine',
  'logiciel',
  'vente',
  'boutique',
  'comptabilité',
  'réseau',
  'financement',
];

const arbitraryPlace = fc.record({
  where: fc.constantFrom(...communes),
  coordinates: fc.option(
    fc.record({
      latitude: fc.double({ min: 43, max: 44, noNaN: true }),
      longitude: fc.double({ min: 5, max: 6, noNaN: true }),
    }),
    { nil: undefined },
  ),
});

/** Random full profiles over a small vocabulary, so that every criterion sometimes matches. */
export const arbitraryProfiles = (limits = { mentees: 6, mentors: 12 }) => {
  const shared = {
    place: arbitraryPlace,
    meetingMode: fc.option(fc.constantFrom(...MEETING_MODES), { nil: undefined }),
    availability: fc.subarray([...AVAILABILITY_SLOTS.slice(0, 6)]),
    languages: fc.option(fc.subarray(['fr', 'en', 'ar']), { nil: undefined }),
    occupations: fc.subarray(romeCodes, { maxLength: 2 }),
    sectors: fc.subarray(nafCodes, { maxLength: 2 }),
    text: fc.array(fc.constantFrom(...words), { maxLength: 6 }).map((list) => list.join(' ')),
    employer: fc.option(fc.constantFrom('ACME', 'acmé', 'Globex'), { nil: undefined }),
    familyName: fc.option(fc.constantFrom('Martin', 'Durand'), { nil: undefined }),
  };
  const toPlace = (place: {
    where: (typeof communes)[number];
    coordinates?: { latitude: number; longitude: number };
  }) => ({
    ...place.where,
    ...(place.coordinates ?? {}),
  });
  return fc
    .record({
      mentees: fc.array(
        fc.record({
          ...shared,
          track: fc.option(fc.constantFrom(...TRACKS), { nil: undefined }),
          needs: fc.subarray([...NEEDS]),
          program: fc.option(fc.constantFrom('p1', 'p2'), { nil: undefined }),
          requiredLanguage: fc.option(fc.constantFrom('en', 'ar'), { nil: undefined }),
        }),
        { maxLength: limits.mentees },
      ),
      mentors: fc.array(
        fc.record({
          ...shared,
          kind: fc.option(fc.constantFrom(...MENTOR_KINDS), { nil: undefined }),
          expertise: fc.subarray([...NEEDS]),
          capacity: fc.integer({ min: 0, max: 3 }),
          isPaused: fc.boolean(),
          programs: fc.subarray(['p1', 'p2'], { maxLength: 1 }),
        }),
        { maxLength: limits.mentors },
      ),
    })
    .map(({ mentees, mentors }): { mentees: MenteeProfile[]; mentors: MentorProfile[] } => ({
      mentees: mentees.map(({ place, text, ...rest }, index) => ({
        id: `e${index}`,
        ...rest,
        ...toPlace(place),
        project: text,
      })),
      mentors: mentors.map(({ place, text, ...rest }, index) => ({
        id: `m${index}`,
        ...rest,
        ...toPlace(place),
        experience: text,
      })),
    }));
};

/** Keeps each mentee's k best pairs (ties by mentor index) and the best score left out. */
export function pruneToTopK(
  menteeCount: number,
  mentorCount: number,
  score: (number | null)[],
  k: number,
) {
  const all: IndexedPair[] = [];
  const kept: IndexedPair[] = [];
  const prunedBound = new Float64Array(menteeCount).fill(-Infinity);
  for (let i = 0; i < menteeCount; i++) {
    const pairs: IndexedPair[] = [];
    for (let j = 0; j < mentorCount; j++) {
      const value = score[i * mentorCount + j];
      if (value !== null && value !== undefined) pairs.push({ mentee: i, mentor: j, score: value });
    }
    pairs.sort((a, b) => b.score - a.score || a.mentor - b.mentor);
    all.push(...pairs);
    kept.push(...pairs.slice(0, k));
    if (pairs.length > k) prunedBound[i] = pairs[k]!.score;
  }
  return { all, kept, prunedBound };
}
