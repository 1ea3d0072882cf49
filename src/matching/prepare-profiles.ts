import type { AvailabilitySlot, MeetingMode, MentorKind, Need, Track } from '../domain/people.ts';
import { AVAILABILITY_SLOTS, NEEDS } from '../domain/people.ts';
import type { TextIndex, TextVector } from './french-text.ts';
import { buildTextIndex, extractStems, vectorise } from './french-text.ts';
import type { MenteeProfile, MentorProfile } from './instance.ts';
import { findDepartement, listNafLevels } from './reference-codes.ts';

/** Where a person is, with the département filled in from the commune when missing. */
export type Place = {
  communeCode?: string;
  /** The commune of an arrondissement (13055 for 13201–13216), or the commune itself. */
  commune?: string;
  isArrondissement: boolean;
  epciCode?: string;
  departement?: string;
  latitude?: number;
  longitude?: number;
};

/** What both sides share once prepared: bit masks and vectors, so scoring allocates nothing. */
type PreparedPerson = {
  index: number;
  id: string;
  place: Place;
  acceptsRemote: boolean;
  acceptsInPerson: boolean;
  availabilityMask: number;
  availability: AvailabilitySlot[];
  languages: string[];
  occupations: string[];
  /** NAF codes of every level of every sector (`62.01Z`, `62.01`, `62.0`, `62`, `J`). */
  sectorLevels: Set<string>;
  sectors: string[];
  text: TextVector;
  /** Interned ids of the ROME codes, their domaines (3 characters) and grands domaines. */
  occupationIds: Int32Array;
  domaineIds: Int32Array;
  grandDomaineIds: Int32Array;
  /** Interned ids of the sector levels: for each sector, five ids finest first (-1 if absent). */
  sectorLevelIds: Int32Array;
  languageMask: number;
  /** Interned place ids (-1 when unknown), compared as integers while scoring. */
  communeId: number;
  parentCommuneId: number;
  epciId: number;
  departementId: number;
  employerKey?: string;
  familyKey?: string;
};

/**
 * Mentee and mentor share one shape (fields of the other side stay empty) so that the hot
 * scoring code sees a single hidden class.
 */
type PreparedShape = PreparedPerson & {
  track?: Track;
  needsMask: number;
  needCount: number;
  program?: string;
  requiredLanguage?: string;
  waitingDays: number;
  kind?: MentorKind;
  expertiseMask: number;
  capacity: number;
  isPaused: boolean;
  programs: string[];
};

export type PreparedMentee = PreparedShape;
export type PreparedMentor = PreparedShape;

export type PreparedProfiles = {
  mentees: PreparedMentee[];
  mentors: PreparedMentor[];
  textIndex: TextIndex;
};

/** Bit of each need and each availability slot in the masks. */
export const NEED_BIT = new Map<Need, number>(NEEDS.map((need, bit) => [need, 1 << bit]));
export const SLOT_BIT = new Map<AvailabilitySlot, number>(
  AVAILABILITY_SLOTS.map((slot, bit) => [slot, 1 << bit]),
);

/** Prepares every profile of an instance once: masks, code levels and TF-IDF vectors. */
export function prepareProfiles(
  mentees: readonly MenteeProfile[],
  mentors: readonly MentorProfile[],
): PreparedProfiles {
  const menteeStems = mentees.map((mentee) => extractStems(mentee.project ?? ''));
  const mentorStems = mentors.map((mentor) => extractStems(mentor.experience ?? ''));
  const textIndex = buildTextIndex([...menteeStems, ...mentorStems]);
  // Objects are built field by field in one fixed order (no spread): every prepared profile
  // then shares one hidden class, which keeps the scoring loops monomorphic and fast.
  return {
    textIndex,
    mentees: mentees.map((mentee, index) => {
      const prepared = preparePerson(
        mentee,
        index,
        vectorise(textIndex, menteeStems[index]!),
      ) as PreparedMentee;
      prepared.track = mentee.track;
      prepared.needsMask = toMask(mentee.needs ?? [], NEED_BIT);
      prepared.needCount = new Set(mentee.needs ?? []).size;
      prepared.program = mentee.program;
      prepared.requiredLanguage = mentee.requiredLanguage;
      prepared.waitingDays = mentee.waitingDays ?? 0;
      prepared.kind = undefined;
      prepared.expertiseMask = 0;
      prepared.capacity = 0;
      prepared.isPaused = false;
      prepared.programs = [];
      return prepared;
    }),
    mentors: mentors.map((mentor, index) => {
      const prepared = preparePerson(
        mentor,
        index,
        vectorise(textIndex, mentorStems[index]!),
      ) as PreparedMentor;
      prepared.track = undefined;
      prepared.needsMask = 0;
      prepared.needCount = 0;
      prepared.program = undefined;
      prepared.requiredLanguage = undefined;
      prepared.waitingDays = 0;
      prepared.kind = mentor.kind;
      prepared.expertiseMask = toMask(mentor.expertise ?? [], NEED_BIT);
      prepared.capacity = mentor.capacity;
      prepared.isPaused = mentor.isPaused ?? false;
      prepared.programs = mentor.programs ?? [];
      return prepared;
    }),
  };
}

function preparePerson(
  profile: MenteeProfile | MentorProfile,
  index: number,
  text: TextVector,
): PreparedPerson {
  const mode: MeetingMode = profile.meetingMode ?? 'both';
  const sectors = profile.sectors ?? [];
  const occupations = profile.occupations ?? [];
  // Everybody in a French hub speaks French unless told otherwise.
  const languages = profile.languages && profile.languages.length > 0 ? profile.languages : ['fr'];
  return {
    index,
    id: profile.id,
    place: preparePlace(profile),
    acceptsRemote: mode !== 'in_person',
    acceptsInPerson: mode !== 'remote',
    availabilityMask: toMask(profile.availability ?? [], SLOT_BIT),
    availability: profile.availability ?? [],
    languages,
    occupations,
    sectors,
    sectorLevels: new Set(
      sectors.flatMap((code) => listNafLevels(code).map((level) => level.code)),
    ),
    text,
    occupationIds: Int32Array.from(occupations, (code) => internCode(`r:${code}`)),
    domaineIds: Int32Array.from(occupations, (code) => internCode(`r:${code.slice(0, 3)}`)),
    grandDomaineIds: Int32Array.from(occupations, (code) => internCode(`r:${code[0]}`)),
    sectorLevelIds: Int32Array.from(sectors.flatMap((code) => listSectorLevelIds(code))),
    languageMask: toLanguageMask(languages),
    communeId: internOptional('c', profile.communeCode),
    parentCommuneId: internOptional('c', profile.parentCommuneCode ?? profile.communeCode),
    epciId: internOptional('e', profile.epciCode),
    departementId: internOptional(
      'd',
      profile.departement ??
        (profile.communeCode ? findDepartement(profile.communeCode) : undefined),
    ),
    employerKey: normaliseKey(profile.employer),
    familyKey: normaliseKey(profile.familyName),
  };
}

function preparePlace(profile: MenteeProfile | MentorProfile): Place {
  const code = profile.communeCode;
  const parent = profile.parentCommuneCode;
  return {
    communeCode: code,
    commune: parent ?? code,
    isArrondissement: parent !== undefined && parent !== code,
    epciCode: profile.epciCode,
    departement: profile.departement ?? (code ? findDepartement(code) : undefined),
    latitude: profile.latitude,
    longitude: profile.longitude,
  };
}

const codeIds = new Map<string, number>();

/**
 * Interns a code as a small integer for allocation-free comparisons. Ids are only compared
 * within one process (a worker interns its own), never stored.
 */
function internCode(code: string): number {
  let id = codeIds.get(code);
  if (id === undefined) {
    id = codeIds.size;
    codeIds.set(code, id);
  }
  return id;
}

function internOptional(prefix: string, code: string | undefined): number {
  return code === undefined ? -1 : internCode(`${prefix}:${code}`);
}

/** Five slots per sector, finest first: sous-classe, classe, groupe, division, section. */
function listSectorLevelIds(code: string): number[] {
  const ids = [-1, -1, -1, -1, -1];
  const order = ['sous-classe', 'classe', 'groupe', 'division', 'section'];
  for (const level of listNafLevels(code))
    ids[order.indexOf(level.level)] = internCode(`n:${level.code}`);
  return ids;
}

const languageBits = new Map<string, number>();

/** Languages as bits; beyond 31 distinct languages the last bit is shared (a safe over-match). */
function toLanguageMask(languages: readonly string[]): number {
  let mask = 0;
  for (const language of languages) {
    let bit = languageBits.get(language);
    if (bit === undefined) {
      bit = Math.min(languageBits.size, 30);
      languageBits.set(language, bit);
    }
    mask |= 1 << bit;
  }
  return mask;
}

function toMask<T>(values: readonly T[], bits: Map<T, number>): number {
  let mask = 0;
  for (const value of values) mask |= bits.get(value) ?? 0;
  return mask;
}

/** Case, accents and spacing do not make two employers or family names different. */
function normaliseKey(value: string | undefined): string | undefined {
  const key = value
    ?.normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return key ? key : undefined;
}

/** Number of set bits of a 32-bit mask. */
export function countBits(mask: number): number {
  let value = mask - ((mask >>> 1) & 0x55555555);
  value = (value & 0x33333333) + ((value >>> 2) & 0x33333333);
  return (((value + (value >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
