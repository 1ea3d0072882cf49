import type {
  PoolMentee,
  PoolMentor,
  PoolPlace,
} from '../../db/repositories/matching-rounds-repository.ts';
import type { ProgramRow } from '../../db/repositories/programs-repository.ts';
import { readMatchingWeights, toEngineWeights } from '../../domain/matching-weights.ts';
import {
  AVAILABILITY_SLOTS,
  NEEDS,
  type AvailabilitySlot,
  type Need,
} from '../../domain/people.ts';
import { keyPair } from '../../matching/hard-constraints.ts';
import type { ExplanationLine, MenteeProfile, MentorProfile } from '../../matching/instance.ts';
import { prepareProfiles } from '../../matching/prepare-profiles.ts';
import {
  createScoringContext,
  explainPair,
  type ScoringWeights,
} from '../../matching/score-pair.ts';
import {
  createSuggestionIndex,
  explainExclusion,
  suggestMentors,
  type Suggestion,
} from '../../matching/suggest.ts';

const DAY_MS = 86_400_000;
const isNeed = (value: string): value is Need => (NEEDS as readonly string[]).includes(value);
const isSlot = (value: string): value is AvailabilitySlot =>
  (AVAILABILITY_SLOTS as readonly string[]).includes(value);
const isLanguage = (value: string) => /^[a-z]{2,3}$/.test(value);

function placeFields(place: PoolPlace | null) {
  if (!place) return {};
  return {
    ...(place.communeCode ? { communeCode: place.communeCode } : {}),
    ...(place.parentCode ? { parentCommuneCode: place.parentCode } : {}),
    ...(place.epciCode ? { epciCode: place.epciCode } : {}),
    ...(place.departement ? { departement: place.departement } : {}),
    ...(place.latitude !== null && place.longitude !== null
      ? { latitude: place.latitude, longitude: place.longitude }
      : {}),
  };
}

const words = (...parts: (string | null | undefined)[]) =>
  parts.filter((part): part is string => Boolean(part)).join('\n');

/**
 * A mentor as the engine sees one. `capacity` is the number of new proposals the mentor may
 * still receive (free slots, minus what is already staged), not the profile's capacity.
 */
export function toEngineMentor(mentor: PoolMentor, capacity: number): MentorProfile {
  const { profile } = mentor;
  return {
    id: mentor.user.id,
    capacity: Math.max(0, capacity),
    isPaused: profile.status !== 'active',
    kind: profile.kind,
    occupations: profile.occupationCode ? [profile.occupationCode] : [],
    sectors: profile.sectorCode ? [profile.sectorCode] : [],
    expertise: profile.expertise.filter(isNeed),
    experience: words(profile.jobTitle, profile.bio),
    programs: mentor.dedicatedProgramIds,
    meetingMode: profile.mode,
    availability: profile.availability.filter(isSlot),
    languages: profile.languages.filter(isLanguage),
    ...(profile.employer ? { employer: profile.employer } : {}),
    familyName: mentor.user.lastName,
    ...placeFields(mentor.place),
  };
}

/** A waiting mentee as the engine sees one, in the programme the proposal would belong to. */
export function toEngineMentee(mentee: PoolMentee, programId: string, now: Date): MenteeProfile {
  const { profile } = mentee;
  const waitingFrom = profile.waitingSince ?? profile.referredAt;
  return {
    id: mentee.user.id,
    track: profile.track,
    occupations: profile.targetOccupationCode ? [profile.targetOccupationCode] : [],
    sectors: profile.businessSectorCode ? [profile.businessSectorCode] : [],
    needs: profile.needs.filter(isNeed),
    project: words(profile.businessProject, profile.aboutMe),
    program: programId,
    waitingDays: Math.max(0, (now.getTime() - waitingFrom.getTime()) / DAY_MS),
    meetingMode: profile.mode,
    availability: profile.availability.filter(isSlot),
    languages: profile.languages.filter(isLanguage),
    familyName: mentee.user.lastName,
    ...placeFields(mentee.place),
  };
}

/** The programme's weights in the engine's vocabulary; undefined means the engine's defaults. */
export function engineWeightsOf(program: ProgramRow): Partial<ScoringWeights> | undefined {
  const weights = readMatchingWeights(program.matchingWeights);
  return weights ? toEngineWeights(weights) : undefined;
}

/** Pairs as the engine's exclusion list. */
export function toEngineExclusions(pairs: readonly { menteeId: string; mentorId: string }[]) {
  return pairs.map((pair) => ({ mentee: pair.menteeId, mentor: pair.mentorId }));
}

/** What the engine says about one pair: allowed (with its explained score) or why not. */
export type PairVerdict =
  | { allowed: true; score: number; explanation: ExplanationLine[] }
  | { allowed: false; reason: string };

/**
 * Checks one pair against the engine's hard constraints (pause, capacity, exclusions,
 * conflicts of interest, programme restriction) and explains its score — the same code a
 * round uses, so a coordinator's edit obeys the same rules.
 */
export function judgePair(
  mentee: MenteeProfile,
  mentor: MentorProfile,
  excluded: readonly { menteeId: string; mentorId: string }[],
  weights: Partial<ScoringWeights> | undefined,
): PairVerdict {
  const profiles = prepareProfiles([mentee], [mentor]);
  const context = createScoringContext(profiles.textIndex, weights);
  const index = createSuggestionIndex(
    profiles,
    context,
    new Set(excluded.map((pair) => keyPair(pair.menteeId, pair.mentorId))),
  );
  const reason = explainExclusion(index, profiles.mentees[0]!, profiles.mentors[0]!);
  if (reason) return { allowed: false, reason };
  return { allowed: true, ...explainPair(profiles.mentees[0]!, profiles.mentors[0]!, context) };
}

/** The engine's best mentors for one mentee, best first, with explanations. */
export function suggestFromPool(
  mentee: MenteeProfile,
  mentors: readonly MentorProfile[],
  excluded: readonly { menteeId: string; mentorId: string }[],
  options: {
    weights: Partial<ScoringWeights> | undefined;
    k: number;
    minScore?: number | undefined;
  },
): Suggestion[] {
  if (mentors.length === 0) return [];
  const profiles = prepareProfiles([mentee], mentors);
  const context = createScoringContext(profiles.textIndex, options.weights);
  const index = createSuggestionIndex(
    profiles,
    context,
    new Set(excluded.map((pair) => keyPair(pair.menteeId, pair.mentorId))),
  );
  return suggestMentors(index, 0, options.k, options.minScore);
}
