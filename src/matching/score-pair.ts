import type { MentorKind, Track } from '../domain/people.ts';
import { DEFAULT_MATCHING_WEIGHTS, toEngineWeights } from '../domain/matching-weights.ts';
import { NEEDS } from '../domain/people.ts';
import { listSharedTerms, measureCosine } from './french-text.ts';
import type { TextIndex } from './french-text.ts';
import type { ExplanationLine } from './instance.ts';
import type { Place, PreparedMentee, PreparedMentor } from './prepare-profiles.ts';
import { countBits, NEED_BIT } from './prepare-profiles.ts';
import {
  LANGUAGE_LABELS,
  labelNafSection,
  labelSlot,
  listNafLevels,
  MENTOR_KIND_LABELS,
  NEED_LABELS,
  ROME_GRAND_DOMAINES,
  TRACK_LABELS,
} from './reference-codes.ts';

/** The criteria, in the fixed order in which contributions are added up. */
export const CRITERIA = [
  'track',
  'occupation',
  'sector',
  'needs',
  'geography',
  'availability',
  'languages',
  'text',
] as const;
export type Criterion = (typeof CRITERIA)[number];

/** Relative importance of each criterion; set per program. Normalised to sum to 1. */
export type ScoringWeights = Readonly<Record<Criterion, number>>;

/** The defaults live with the programme settings they are the fallback of (one source). */
export const DEFAULT_WEIGHTS: ScoringWeights = toEngineWeights(DEFAULT_MATCHING_WEIGHTS);

/** Labels the engine cannot know by itself (finer ROME and NAF levels), all optional. */
export type CodeLabels = {
  romeDomaines?: Readonly<Record<string, string>>;
  romeCodes?: Readonly<Record<string, string>>;
  nafCodes?: Readonly<Record<string, string>>;
};

/** What scoring needs besides the two profiles. */
export type ScoringContext = {
  weights: Float64Array;
  textIndex: TextIndex;
  labels?: CodeLabels;
};

/** Builds a context with weights normalised so that scores stay within [0, 1]. */
export function createScoringContext(
  textIndex: TextIndex,
  weights: Partial<ScoringWeights> = {},
  labels?: CodeLabels,
): ScoringContext {
  const merged = CRITERIA.map((criterion) =>
    Math.max(0, weights[criterion] ?? DEFAULT_WEIGHTS[criterion]),
  );
  const total = merged.reduce((sum, weight) => sum + weight, 0);
  if (!(total > 0)) throw new RangeError('at least one scoring weight must be positive');
  return { weights: Float64Array.from(merged, (weight) => weight / total), textIndex, labels };
}

const TRACK_FIT: Readonly<Record<Track, Readonly<Record<MentorKind, number>>>> = {
  job_search: { recruiter: 1, executive: 0.8, employee: 0.7, retired: 0.5, entrepreneur: 0.4 },
  business_creation: {
    entrepreneur: 1,
    executive: 0.6,
    retired: 0.6,
    employee: 0.3,
    recruiter: 0.2,
  },
  business_growth: { entrepreneur: 1, executive: 0.8, retired: 0.6, employee: 0.3, recruiter: 0.3 },
};

/** Similarity of each NAF level, finest first (sous-classe … section). */
export const SECTOR_LEVEL_SIMILARITY: readonly number[] = [1, 0.8, 0.6, 0.4, 0.2];

/** How well a kind of mentor fits a track, in [0, 1]. */
export function measureTrackFit(track: Track, kind: MentorKind): number {
  return TRACK_FIT[track][kind];
}

const NAF_LEVEL_SIMILARITY = {
  'sous-classe': 1,
  classe: 0.8,
  groupe: 0.6,
  division: 0.4,
  section: 0.2,
};

/**
 * Similarity in [0, 1] of each criterion, written into `out` in `CRITERIA` order. Missing
 * information counts as 0 (and says so in the explanation) rather than guessing.
 */
export function measureCriteria(
  mentee: PreparedMentee,
  mentor: PreparedMentor,
  out: Float64Array,
): void {
  measureStructuredCriteria(mentee, mentor, out);
  out[TEXT_CRITERION] = measureCosine(mentee.text, mentor.text);
}

/** Position of the free-text criterion, the only costly one, which is measured last. */
export const TEXT_CRITERION = 7;

/** Every criterion but free text (integer and bit operations only). */
export function measureStructuredCriteria(
  mentee: PreparedMentee,
  mentor: PreparedMentor,
  out: Float64Array,
): void {
  out[0] = mentee.track && mentor.kind ? measureTrackFit(mentee.track, mentor.kind) : 0;
  out[1] = compareOccupations(mentee, mentor);
  out[2] = compareSectors(mentee.sectorLevelIds, mentor.sectorLevelIds);
  out[3] =
    mentee.needCount > 0
      ? countBits(mentee.needsMask & mentor.expertiseMask) / mentee.needCount
      : 0;
  out[4] = compareGeography(mentee, mentor);
  out[5] = Math.min(1, countBits(mentee.availabilityMask & mentor.availabilityMask) / 2);
  out[6] = (mentee.languageMask & mentor.languageMask) !== 0 ? 1 : 0;
}

function compareOccupations(mentee: PreparedMentee, mentor: PreparedMentor): number {
  let best = 0;
  for (let l = 0; l < mentee.occupationIds.length; l++) {
    for (let r = 0; r < mentor.occupationIds.length; r++) {
      if (mentee.occupationIds[l] === mentor.occupationIds[r]) return 1;
      if (mentee.domaineIds[l] === mentor.domaineIds[r]) best = 0.6;
      else if (best < 0.3 && mentee.grandDomaineIds[l] === mentor.grandDomaineIds[r]) best = 0.3;
    }
  }
  return best;
}

/** Best level shared by any mentee sector and any mentor sector (ids five per sector). */
export function compareSectors(menteeLevels: Int32Array, mentorLevels: Int32Array): number {
  let best = 0;
  for (let base = 0; base < menteeLevels.length; base += 5) {
    for (let level = 0; level < 5 && SECTOR_LEVEL_SIMILARITY[level]! > best; level++) {
      const id = menteeLevels[base + level]!;
      if (id < 0) continue;
      for (let r = level; r < mentorLevels.length; r += 5) {
        if (mentorLevels[r] === id) {
          best = SECTOR_LEVEL_SIMILARITY[level]!;
          break;
        }
      }
      if (best === SECTOR_LEVEL_SIMILARITY[level]) break;
    }
  }
  return best;
}

/** The numeric part of `measureGeography`, without building the sentence. */
function compareGeography(mentee: PreparedMentee, mentor: PreparedMentor): number {
  if (mentee.acceptsRemote && mentor.acceptsRemote) return 1;
  if (!(mentee.acceptsInPerson && mentor.acceptsInPerson)) return 0;
  const distance = measureDistanceKm(mentee.place, mentor.place);
  if (distance !== undefined) return proximityOfDistance(distance);
  if (
    mentee.communeId >= 0 &&
    mentee.communeId === mentor.communeId &&
    mentee.place.isArrondissement
  )
    return 1;
  if (mentee.parentCommuneId >= 0 && mentee.parentCommuneId === mentor.parentCommuneId) return 0.8;
  if (mentee.epciId >= 0 && mentee.epciId === mentor.epciId) return 0.6;
  if (mentee.departementId >= 0 && mentee.departementId === mentor.departementId) return 0.3;
  return 0;
}

/** 1 within 1 km, falling linearly to 0 at `PROXIMITY_RANGE_KM`. */
export function proximityOfDistance(distance: number): number {
  return Math.max(0, Math.min(1, 1 - (distance - 1) / (PROXIMITY_RANGE_KM - 1)));
}

/** Sum of weighted similarities in criterion order: the one formula behind every score. */
export function sumContributions(weights: Float64Array, similarity: Float64Array): number {
  let score = 0;
  for (let k = 0; k < CRITERIA.length; k++) score += weights[k]! * similarity[k]!;
  return score;
}

const scratch = new Float64Array(CRITERIA.length);

/** Compatibility score in [0, 1] of a pair, without the explanation. */
export function scorePair(
  mentee: PreparedMentee,
  mentor: PreparedMentor,
  context: ScoringContext,
): number {
  measureCriteria(mentee, mentor, scratch);
  return sumContributions(context.weights, scratch);
}

/** A score with its explanation: one line per criterion, contributions adding up to it. */
export type ExplainedScore = { score: number; explanation: ExplanationLine[] };

/**
 * Scores a pair and explains it. Contributions are added in the same order as in
 * `scorePair`, so their sum is exactly the score.
 */
export function explainPair(
  mentee: PreparedMentee,
  mentor: PreparedMentor,
  context: ScoringContext,
): ExplainedScore {
  const similarity = new Float64Array(CRITERIA.length);
  measureCriteria(mentee, mentor, similarity);
  const texts = describeCriteria(mentee, mentor, context);
  let score = 0;
  const explanation = CRITERIA.map((criterion, k) => {
    const contribution = context.weights[k]! * similarity[k]!;
    score += contribution;
    return { criterion, contribution, text: texts[k]! };
  });
  return { score, explanation };
}

function describeCriteria(
  mentee: PreparedMentee,
  mentor: PreparedMentor,
  context: ScoringContext,
): string[] {
  const labels = context.labels ?? {};
  const track =
    mentee.track && mentor.kind
      ? `Mentor ${MENTOR_KIND_LABELS[mentor.kind]} pour ${TRACK_LABELS[mentee.track]}`
      : 'Parcours ou profil du mentor non renseigné';

  const occupation = measureOccupation(mentee.occupations, mentor.occupations);
  let occupationText = 'Métiers sans lien';
  if (occupation.level === 'code') {
    const label = labels.romeCodes?.[occupation.code];
    occupationText = `Même métier : ${label ?? occupation.code}`;
  } else if (occupation.level === 'domaine') {
    const label = labels.romeDomaines?.[occupation.code];
    occupationText = `Même domaine professionnel : ${label ?? occupation.code} (${ROME_GRAND_DOMAINES[occupation.code[0]!] ?? ''})`;
  } else if (occupation.level === 'grand domaine') {
    occupationText = `Même grand domaine de métiers : ${ROME_GRAND_DOMAINES[occupation.code] ?? occupation.code}`;
  } else if (mentee.occupations.length === 0 || mentor.occupations.length === 0) {
    occupationText = 'Métier non renseigné';
  }

  const sector = measureSector(mentee.sectors, mentor.sectorLevels);
  let sectorText = "Secteurs d'activité différents";
  if (sector.level) {
    const label =
      sector.level === 'section' ? labelNafSection(sector.code) : labels.nafCodes?.[sector.code];
    sectorText = `Même ${sector.level} NAF : ${label ? `${label} (${sector.code})` : sector.code}`;
  } else if (mentee.sectors.length === 0 || mentor.sectorLevels.size === 0) {
    sectorText = "Secteur d'activité non renseigné";
  }

  const covered = NEEDS.filter(
    (need) => (mentee.needsMask & mentor.expertiseMask & NEED_BIT.get(need)!) !== 0,
  );
  const needsText =
    mentee.needCount === 0
      ? 'Besoins non renseignés'
      : covered.length === 0
        ? 'Aucun besoin couvert par l’expertise du mentor'
        : `Besoins couverts : ${covered.map((need) => NEED_LABELS[need]).join(', ')} (${covered.length} sur ${mentee.needCount})`;

  const shared = mentee.availability.filter((slot) => mentor.availability.includes(slot));
  const availabilityText =
    shared.length === 0
      ? 'Aucun créneau commun'
      : `${shared.length} créneau${shared.length > 1 ? 'x' : ''} commun${shared.length > 1 ? 's' : ''} : ${shared
          .slice(0, 3)
          .map(labelSlot)
          .join(', ')}${shared.length > 3 ? '…' : ''}`;

  const languages = mentee.languages.filter((language) => mentor.languages.includes(language));
  const languagesText =
    languages.length === 0
      ? 'Pas de langue commune déclarée'
      : `Langue${languages.length > 1 ? 's' : ''} commune${languages.length > 1 ? 's' : ''} : ${languages
          .map((language) => LANGUAGE_LABELS[language] ?? language)
          .join(', ')}`;

  const terms = listSharedTerms(context.textIndex, mentee.text, mentor.text, 3);
  const textText =
    mentee.text.terms.length === 0 || mentor.text.terms.length === 0
      ? 'Projet ou expérience non décrits'
      : terms.length === 0
        ? 'Projet et expérience sans mot-clé commun'
        : `Projet et expérience proches (${terms.map((term) => `« ${term} »`).join(', ')})`;

  return [
    track,
    occupationText,
    sectorText,
    needsText,
    measureGeography(mentee, mentor).text,
    availabilityText,
    languagesText,
    textText,
  ];
}

type OccupationMatch = {
  similarity: number;
  level?: 'code' | 'domaine' | 'grand domaine';
  code: string;
};

/** Same ROME code (1) > same domaine professionnel (0.6) > same grand domaine (0.3). */
export function measureOccupation(
  menteeCodes: readonly string[],
  mentorCodes: readonly string[],
): OccupationMatch {
  let best: OccupationMatch = { similarity: 0, code: '' };
  for (const left of menteeCodes) {
    for (const right of mentorCodes) {
      if (left === right) return { similarity: 1, level: 'code', code: left };
      if (best.similarity < 0.6 && left.slice(0, 3) === right.slice(0, 3)) {
        best = { similarity: 0.6, level: 'domaine', code: left.slice(0, 3) };
      } else if (best.similarity < 0.3 && left[0] === right[0]) {
        best = { similarity: 0.3, level: 'grand domaine', code: left[0]! };
      }
    }
  }
  return best;
}

type SectorMatch = { similarity: number; level?: keyof typeof NAF_LEVEL_SIMILARITY; code: string };

/** Sous-classe (1) > classe (0.8) > groupe (0.6) > division (0.4) > section (0.2). */
export function measureSector(
  menteeCodes: readonly string[],
  mentorLevels: ReadonlySet<string>,
): SectorMatch {
  let best: SectorMatch = { similarity: 0, code: '' };
  for (const code of menteeCodes) {
    for (const { level, code: levelCode } of listNafLevels(code)) {
      const similarity = NAF_LEVEL_SIMILARITY[level];
      if (similarity > best.similarity && mentorLevels.has(levelCode)) {
        best = { similarity, level, code: levelCode };
        break;
      }
    }
  }
  return best;
}

/** Kilometres between two points on the Earth (haversine). */
export function measureDistanceKm(a: Place, b: Place): number | undefined {
  if (a.latitude === undefined || a.longitude === undefined) return undefined;
  if (b.latitude === undefined || b.longitude === undefined) return undefined;
  return measureHaversineKm(a.latitude, a.longitude, b.latitude, b.longitude);
}

/** Great-circle distance in kilometres between two latitude/longitude points. */
export function measureHaversineKm(
  latitudeA: number,
  longitudeA: number,
  latitudeB: number,
  longitudeB: number,
): number {
  const radians = Math.PI / 180;
  const dLat = (latitudeB - latitudeA) * radians;
  const dLon = (longitudeB - longitudeA) * radians;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(latitudeA * radians) * Math.cos(latitudeB * radians) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Distance at which in-person proximity stops counting at all. */
export const PROXIMITY_RANGE_KM = 40;

/**
 * Both open to remote meetings: full marks (distance does not matter). Otherwise distance
 * when both have coordinates (1 within 1 km, 0 beyond 40 km), else the administrative
 * hierarchy: arrondissement 1 > commune 0.8 > EPCI 0.6 > département 0.3.
 */
export function measureGeography(
  mentee: PreparedMentee,
  mentor: PreparedMentor,
): { similarity: number; text: string } {
  if (mentee.acceptsRemote && mentor.acceptsRemote) {
    return { similarity: 1, text: 'Rencontres à distance possibles des deux côtés' };
  }
  if (!(mentee.acceptsInPerson && mentor.acceptsInPerson)) {
    return { similarity: 0, text: 'Modes de rencontre incompatibles (présentiel / distance)' };
  }
  const distance = measureDistanceKm(mentee.place, mentor.place);
  if (distance !== undefined) {
    const similarity = proximityOfDistance(distance);
    return {
      similarity,
      text: `À ${distance < 10 ? distance.toFixed(1) : Math.round(distance)} km`,
    };
  }
  const a = mentee.place;
  const b = mentor.place;
  if (a.communeCode && a.communeCode === b.communeCode && a.isArrondissement) {
    return { similarity: 1, text: `Même arrondissement (${a.communeCode})` };
  }
  if (a.commune && a.commune === b.commune)
    return { similarity: 0.8, text: `Même commune (${a.commune})` };
  if (a.epciCode && a.epciCode === b.epciCode)
    return { similarity: 0.6, text: `Même intercommunalité (${a.epciCode})` };
  if (a.departement && a.departement === b.departement) {
    return { similarity: 0.3, text: `Même département (${a.departement})` };
  }
  if (!a.communeCode || !b.communeCode) return { similarity: 0, text: 'Lieu non renseigné' };
  return { similarity: 0, text: 'Éloignés géographiquement' };
}
