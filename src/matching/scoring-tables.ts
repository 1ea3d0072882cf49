import { AVAILABILITY_SLOTS, MENTOR_KINDS, NEEDS, TRACKS } from '../domain/people.ts';
import type { ExcludedPairs } from './hard-constraints.ts';
import { checkMentorAvailable } from './hard-constraints.ts';
import type { PreparedMentee, PreparedProfiles } from './prepare-profiles.ts';
import type { ScoringContext } from './score-pair.ts';

/**
 * Everything `findCandidates` reads, as flat typed arrays: the structured features of both
 * sides, the TF-IDF vectors in compressed rows, and the hard constraints as interned ids.
 * Typed arrays only, so that the tables can live in SharedArrayBuffers read by every worker
 * thread without copying or re-preparing the profiles.
 *
 * Mentor-side arrays are indexed by *row*: one row per available mentor (not paused, with
 * room), sorted into runs (`RowRuns`), so paused and full mentors cost nothing while
 * scanning; `rowMentor` maps rows back to mentors.
 *
 * Occupations and sectors are not stored as codes but as *classes*: one class per distinct
 * code among the mentors. For each mentee the similarity to every class is tabulated once,
 * after which a mentor's occupation or sector similarity is one or two array reads.
 */
export type ScoringTables = {
  weights: Float64Array;
  mentorCount: number;
  rowCount: number;
  rowMentor: Int32Array;
  /** Parent commune of each row, for the conflict-of-interest check (the rest is packed). */
  rowParentCommune: Int32Array;
  /** NaN when unknown. */
  rowLatitude: Float64Array;
  rowLongitude: Float64Array;
  /**
   * What scanning reads, `ROW_STRIDE` words per row so that a row is one cache line (rows
   * of a visited group are read in sequence, rows found by key at random): see `PACKED`.
   */
  rowPacked: Int32Array;
  rowOccupationStart: Int32Array;
  rowOccupationClass: Int32Array;
  rowSectorStart: Int32Array;
  rowSectorClass: Int32Array;
  /** Interned code, domaine and grand domaine ids of each occupation class (class 0: none). */
  occupationClassCode: Int32Array;
  occupationClassDomaine: Int32Array;
  occupationClassGrandDomaine: Int32Array;
  /** Five interned level ids per sector class, finest first (class 0: none). */
  sectorClassLevels: Int32Array;
  rowTextTerm: Int32Array;
  rowTextWeight: Float64Array;
  vocabularySize: number;
  /** Largest weight of each term in any available mentor's vector (for the text bound). */
  termMaxWeight: Float64Array;
  /**
   * Bit (0–63) of each of the 64 terms found in most mentor texts, -1 for the others: a
   * row's bits tell which of a mentee's frequent terms it can share, which bounds the
   * cosine by those terms' largest weights without reading the row's vector.
   */
  termBit: Int8Array;
  /** 1 when pairs with this row need the pair checks (programs, employer, family). */
  rowNeedsPairCheck: Uint8Array;
  rowProgramStart: Int32Array;
  rowProgram: Int32Array;
  rowLanguageStart: Int32Array;
  rowLanguage: Int32Array;
  rowEmployer: Int32Array;
  rowFamily: Int32Array;

  menteeCount: number;
  /** Track as an index into TRACKS, -1 when unknown. */
  menteeTrack: Int8Array;
  menteeNeeds: Int32Array;
  menteeNeedCount: Int32Array;
  menteeAvailability: Int32Array;
  menteeLanguages: Int32Array;
  menteeModes: Uint8Array;
  menteeCommune: Int32Array;
  menteeParentCommune: Int32Array;
  menteeEpci: Int32Array;
  menteeDepartement: Int32Array;
  menteeIsArrondissement: Uint8Array;
  menteeLatitude: Float64Array;
  menteeLongitude: Float64Array;
  menteeOccupationStart: Int32Array;
  menteeOccupationCode: Int32Array;
  menteeOccupationDomaine: Int32Array;
  menteeOccupationGrandDomaine: Int32Array;
  menteeSectorStart: Int32Array;
  menteeSectorLevels: Int32Array;
  menteeTextStart: Int32Array;
  menteeTextTerm: Int32Array;
  menteeTextWeight: Float64Array;
  /** Interned ids, -1 when absent. */
  menteeProgram: Int32Array;
  menteeRequiredLanguage: Int32Array;
  menteeEmployer: Int32Array;
  menteeFamily: Int32Array;
  /** Mentors excluded for each mentee (coordinator exclusions, past declines), sorted. */
  menteeExcludedStart: Int32Array;
  menteeExcludedMentor: Int32Array;
  /** Largest weight of each row's TF-IDF vector (a cosine with it is at most that times Σ q). */
  rowTextMax: Float64Array;
  /** Each row's grand domaine and NAF section ids as bits `id & 31` (for bounds). */
  rowGrandDomaineBits: Int32Array;
  rowSectionBits: Int32Array;
} & RowsByKey &
  RowRuns;

/**
 * Rows come in runs of one expertise mask and one openness to remote meetings (rows are
 * sorted so), each summed up by unions: a mentee whose needs the mask does not meet, for
 * instance, skips whole runs whose unions cannot reach its k-th best.
 */
export type RowRuns = {
  runCount: number;
  /** Rows of run u: `runStart[u]` … `runStart[u + 1] - 1`. */
  runStart: Int32Array;
  runExpertise: Int32Array;
  /** 1 when the run's mentors meet remotely. */
  runRemote: Uint8Array;
  /** Unions over the run: kinds (bit kind + 1), slots, languages, grand domaine and NAF
   * section bits (`id & 31`); 1 when one of them meets in person and has coordinates. */
  runKinds: Int32Array;
  runAvailability: Int32Array;
  runLanguages: Int32Array;
  runGrandDomaineBits: Int32Array;
  runSectionBits: Int32Array;
  runMayBeNear: Uint8Array;
};

/**
 * Rows by interned code id: every row under each of its occupation domaines, NAF divisions,
 * commune, parent commune, EPCI and département (ids share one space, so one list does).
 * These are the only rows that can get more than a grand domaine, a NAF section or, without
 * coordinates, anything for places: a mentee looks them up instead of scanning for them.
 */
export type RowsByKey = {
  keyStart: Int32Array;
  keyRows: Int32Array;
  /**
   * A copy of each listed row's `rowPacked` record, in list order (`ROW_STRIDE` words per
   * entry): a mentee's lists are then read in sequence, not a cache miss per row.
   */
  keyPacked: Int32Array;
};

/** Bits of the needs in a packed mask word; availability slots take the bits above. */
export const NEED_BITS = 12;

/** Words per row of `rowPacked`. */
export const ROW_STRIDE = 16;

/** Offsets in a packed row. */
export const PACKED = {
  /** Expertise | availability << NEED_BITS. */
  masks: 0,
  languages: 1,
  /**
   * Kind + 1 (bits 0–2), modes (bits 3–4), more codes (bit 5), pair check (bit 6), with
   * coordinates (bit 7).
   */
  flags: 2,
  occupationA: 3,
  occupationB: 4,
  sectorA: 5,
  sectorB: 6,
  commune: 7,
  parentCommune: 8,
  epci: 9,
  departement: 10,
  textStart: 11,
  textEnd: 12,
  mentor: 13,
  /** Which of the 64 most frequent terms the row's text has (`termBit`), two words. */
  termsLow: 14,
  termsHigh: 15,
} as const;
if (NEEDS.length > NEED_BITS || AVAILABILITY_SLOTS.length > 31 - NEED_BITS)
  throw new RangeError('needs and availability slots no longer fit in one 31-bit mask');

type Allocator = {
  int8: (values: ArrayLike<number>) => Int8Array;
  uint8: (values: ArrayLike<number>) => Uint8Array;
  int32: (values: ArrayLike<number>) => Int32Array;
  float64: (values: ArrayLike<number>) => Float64Array;
};

function createAllocator(shared: boolean): Allocator {
  // SharedArrayBuffer-backed arrays are read by every worker in place; plain ones otherwise.
  const make = <T>(
    Kind: new (buffer: ArrayBufferLike) => T,
    bytes: number,
    values: ArrayLike<number>,
  ): T => {
    const buffer = shared
      ? new SharedArrayBuffer(values.length * bytes)
      : new ArrayBuffer(values.length * bytes);
    const array = new Kind(buffer) as T & { set: (values: ArrayLike<number>) => void };
    array.set(values);
    return array;
  };
  return {
    int8: (values) => make(Int8Array, 1, values),
    uint8: (values) => make(Uint8Array, 1, values),
    int32: (values) => make(Int32Array, 4, values),
    float64: (values) => make(Float64Array, 8, values),
  };
}

/** Gives strings small integer ids in order of first appearance (-1 for absent). */
function createInterner(): (value: string | undefined) => number {
  const ids = new Map<string, number>();
  return (value) => {
    if (value === undefined) return -1;
    let id = ids.get(value);
    if (id === undefined) {
      id = ids.size;
      ids.set(value, id);
    }
    return id;
  };
}

// Mentees and mentors share one prepared shape (`PreparedMentor` is the same type).
const modesOf = (person: PreparedMentee) =>
  (person.acceptsRemote ? 1 : 0) | (person.acceptsInPerson ? 2 : 0);

/**
 * Lays prepared profiles out as scoring tables. `shared` puts every array in a
 * SharedArrayBuffer so that worker threads can read them without a copy.
 */
export function buildScoringTables(
  profiles: PreparedProfiles,
  context: ScoringContext,
  excluded: ExcludedPairs,
  shared = false,
): ScoringTables {
  const alloc = createAllocator(shared);
  const { mentees, mentors } = profiles;
  const rows = sortIntoRuns(mentors.filter((mentor) => checkMentorAvailable(mentor) === null));

  const occupationClasses = new Map<number, number>();
  const occupationClassCode = [-2];
  const occupationClassDomaine = [-2];
  const occupationClassGrandDomaine = [-2];
  const sectorClasses = new Map<string, number>();
  const sectorClassLevels = [-2, -2, -2, -2, -2];
  const rowOccupationStart = [0];
  const rowOccupationClass: number[] = [];
  const rowSectorStart = [0];
  const rowSectorClass: number[] = [];
  for (const mentor of rows) {
    for (let k = 0; k < mentor.occupationIds.length; k++) {
      const code = mentor.occupationIds[k]!;
      let id = occupationClasses.get(code);
      if (id === undefined) {
        id = occupationClassCode.length;
        occupationClasses.set(code, id);
        occupationClassCode.push(code);
        occupationClassDomaine.push(mentor.domaineIds[k]!);
        occupationClassGrandDomaine.push(mentor.grandDomaineIds[k]!);
      }
      rowOccupationClass.push(id);
    }
    rowOccupationStart.push(rowOccupationClass.length);
    for (let base = 0; base < mentor.sectorLevelIds.length; base += 5) {
      const levels = Array.from(mentor.sectorLevelIds.subarray(base, base + 5));
      const key = levels.join(',');
      let id = sectorClasses.get(key);
      if (id === undefined) {
        id = sectorClassLevels.length / 5;
        sectorClasses.set(key, id);
        sectorClassLevels.push(...levels);
      }
      rowSectorClass.push(id);
    }
    rowSectorStart.push(rowSectorClass.length);
  }
  const slot = (start: number[], classes: number[], r: number, k: number) =>
    start[r]! + k < start[r + 1]! ? classes[start[r]! + k]! : 0;

  const vocabularySize = profiles.textIndex.terms.length;
  const termMaxWeight = new Float64Array(vocabularySize);
  for (const mentor of rows) {
    const { terms, weights } = mentor.text;
    for (let t = 0; t < terms.length; t++)
      termMaxWeight[terms[t]!] = Math.max(termMaxWeight[terms[t]!]!, weights[t]!);
  }
  const textCsr = (people: readonly PreparedMentee[]) => {
    const start = [0];
    for (const person of people) start.push(start.at(-1)! + person.text.terms.length);
    const term = new Int32Array(start.at(-1)!);
    const weight = new Float64Array(start.at(-1)!);
    people.forEach((person, at) => {
      term.set(person.text.terms, start[at]);
      weight.set(person.text.weights, start[at]);
    });
    return { start: alloc.int32(start), term: alloc.int32(term), weight: alloc.float64(weight) };
  };
  const listCsr = (lists: readonly (readonly number[])[]) => {
    const start = [0];
    for (const list of lists) start.push(start.at(-1)! + list.length);
    return { start: alloc.int32(start), values: alloc.int32(lists.flat()) };
  };

  const internProgram = createInterner();
  const internLanguage = createInterner();
  const internEmployer = createInterner();
  const internFamily = createInterner();
  const rowPrograms = listCsr(rows.map((mentor) => mentor.programs.map(internProgram)));
  const rowLanguages = listCsr(rows.map((mentor) => mentor.languages.map(internLanguage)));
  const rowText = textCsr(rows);
  const menteeText = textCsr(mentees);

  // An id missing from one side can never match the other: absent programs and languages
  // of mentees get ids of their own (never -1 unless truly absent).
  const menteeProgram = mentees.map((mentee) =>
    mentee.program ? internProgram(mentee.program) : -1,
  );
  const menteeRequiredLanguage = mentees.map((mentee) =>
    mentee.requiredLanguage ? internLanguage(mentee.requiredLanguage) : -1,
  );

  const flatten = (people: readonly PreparedMentee[], field: 'occupationIds' | 'domaineIds') =>
    people.flatMap((person) => Array.from(person[field]));
  const occupationStart = [0];
  const sectorStart = [0];
  for (const mentee of mentees) {
    occupationStart.push(occupationStart.at(-1)! + mentee.occupationIds.length);
    sectorStart.push(sectorStart.at(-1)! + mentee.sectorLevelIds.length);
  }

  const termBit = chooseTermBits(rows, vocabularySize);
  const packed = new Int32Array(rows.length * ROW_STRIDE);
  rows.forEach((mentor, r) => {
    const base = r * ROW_STRIDE;
    const occupations = rowOccupationStart[r + 1]! - rowOccupationStart[r]!;
    const sectors = rowSectorStart[r + 1]! - rowSectorStart[r]!;
    const needsPairCheck =
      mentor.programs.length > 0 ||
      mentor.employerKey !== undefined ||
      mentor.familyKey !== undefined;
    packed[base + PACKED.masks] = mentor.expertiseMask | (mentor.availabilityMask << NEED_BITS);
    packed[base + PACKED.languages] = mentor.languageMask;
    packed[base + PACKED.flags] =
      kindOf(mentor) |
      (modesOf(mentor) << 3) |
      (occupations > 2 || sectors > 2 ? 32 : 0) |
      (needsPairCheck ? 64 : 0) |
      (hasCoordinatesOf(mentor) ? 128 : 0);
    packed[base + PACKED.occupationA] = slot(rowOccupationStart, rowOccupationClass, r, 0);
    packed[base + PACKED.occupationB] = slot(rowOccupationStart, rowOccupationClass, r, 1);
    packed[base + PACKED.sectorA] = slot(rowSectorStart, rowSectorClass, r, 0);
    packed[base + PACKED.sectorB] = slot(rowSectorStart, rowSectorClass, r, 1);
    packed[base + PACKED.commune] = mentor.communeId;
    packed[base + PACKED.parentCommune] = mentor.parentCommuneId;
    packed[base + PACKED.epci] = mentor.epciId;
    packed[base + PACKED.departement] = mentor.departementId;
    packed[base + PACKED.textStart] = rowText.start[r]!;
    packed[base + PACKED.textEnd] = rowText.start[r + 1]!;
    packed[base + PACKED.mentor] = mentor.index;
    for (const term of mentor.text.terms) {
      const bit = termBit[term]!;
      if (bit >= 0)
        packed[base + (bit < 32 ? PACKED.termsLow : PACKED.termsHigh)]! |= 1 << (bit & 31);
    }
  });
  const byKey = listRowsByKey(rows);
  const rowGrandDomaineBits = rows.map((mentor) => idBits(mentor.grandDomaineIds, 0, 1));
  // The section is the last of each sector's five level ids.
  const rowSectionBits = rows.map((mentor) => idBits(mentor.sectorLevelIds, 4, 5));

  return {
    weights: alloc.float64(context.weights),
    mentorCount: mentors.length,
    rowCount: rows.length,
    rowMentor: alloc.int32(rows.map((mentor) => mentor.index)),
    rowParentCommune: alloc.int32(rows.map((mentor) => mentor.parentCommuneId)),
    rowLatitude: alloc.float64(rows.map((mentor) => mentor.place.latitude ?? NaN)),
    rowLongitude: alloc.float64(rows.map((mentor) => mentor.place.longitude ?? NaN)),
    rowPacked: alloc.int32(packed),
    rowOccupationStart: alloc.int32(rowOccupationStart),
    rowOccupationClass: alloc.int32(rowOccupationClass),
    rowSectorStart: alloc.int32(rowSectorStart),
    rowSectorClass: alloc.int32(rowSectorClass),
    occupationClassCode: alloc.int32(occupationClassCode),
    occupationClassDomaine: alloc.int32(occupationClassDomaine),
    occupationClassGrandDomaine: alloc.int32(occupationClassGrandDomaine),
    sectorClassLevels: alloc.int32(sectorClassLevels),
    rowTextTerm: rowText.term,
    rowTextWeight: rowText.weight,
    vocabularySize,
    termMaxWeight: alloc.float64(termMaxWeight),
    termBit: alloc.int8(termBit),
    rowNeedsPairCheck: alloc.uint8(
      rows.map((mentor) =>
        mentor.programs.length > 0 ||
        mentor.employerKey !== undefined ||
        mentor.familyKey !== undefined
          ? 1
          : 0,
      ),
    ),
    rowProgramStart: rowPrograms.start,
    rowProgram: rowPrograms.values,
    rowLanguageStart: rowLanguages.start,
    rowLanguage: rowLanguages.values,
    rowEmployer: alloc.int32(rows.map((mentor) => internEmployer(mentor.employerKey))),
    rowFamily: alloc.int32(rows.map((mentor) => internFamily(mentor.familyKey))),

    menteeCount: mentees.length,
    menteeTrack: alloc.int8(
      mentees.map((mentee) => (mentee.track ? TRACKS.indexOf(mentee.track) : -1)),
    ),
    menteeNeeds: alloc.int32(mentees.map((mentee) => mentee.needsMask)),
    menteeNeedCount: alloc.int32(mentees.map((mentee) => mentee.needCount)),
    menteeAvailability: alloc.int32(mentees.map((mentee) => mentee.availabilityMask)),
    menteeLanguages: alloc.int32(mentees.map((mentee) => mentee.languageMask)),
    menteeModes: alloc.uint8(mentees.map(modesOf)),
    menteeCommune: alloc.int32(mentees.map((mentee) => mentee.communeId)),
    menteeParentCommune: alloc.int32(mentees.map((mentee) => mentee.parentCommuneId)),
    menteeEpci: alloc.int32(mentees.map((mentee) => mentee.epciId)),
    menteeDepartement: alloc.int32(mentees.map((mentee) => mentee.departementId)),
    menteeIsArrondissement: alloc.uint8(
      mentees.map((mentee) => (mentee.place.isArrondissement ? 1 : 0)),
    ),
    menteeLatitude: alloc.float64(mentees.map((mentee) => mentee.place.latitude ?? NaN)),
    menteeLongitude: alloc.float64(mentees.map((mentee) => mentee.place.longitude ?? NaN)),
    menteeOccupationStart: alloc.int32(occupationStart),
    menteeOccupationCode: alloc.int32(flatten(mentees, 'occupationIds')),
    menteeOccupationDomaine: alloc.int32(flatten(mentees, 'domaineIds')),
    menteeOccupationGrandDomaine: alloc.int32(
      mentees.flatMap((mentee) => Array.from(mentee.grandDomaineIds)),
    ),
    menteeSectorStart: alloc.int32(sectorStart),
    menteeSectorLevels: alloc.int32(mentees.flatMap((mentee) => Array.from(mentee.sectorLevelIds))),
    menteeTextStart: menteeText.start,
    menteeTextTerm: menteeText.term,
    menteeTextWeight: menteeText.weight,
    menteeProgram: alloc.int32(menteeProgram),
    menteeRequiredLanguage: alloc.int32(menteeRequiredLanguage),
    menteeEmployer: alloc.int32(mentees.map((mentee) => internEmployer(mentee.employerKey))),
    menteeFamily: alloc.int32(mentees.map((mentee) => internFamily(mentee.familyKey))),
    ...listExcludedMentors(profiles, excluded, alloc),
    rowTextMax: alloc.float64(rows.map((mentor) => Math.max(0, ...mentor.text.weights))),
    keyStart: alloc.int32(byKey.start),
    keyRows: alloc.int32(byKey.rows),
    keyPacked: alloc.int32(copyRecords(packed, byKey.rows)),
    rowGrandDomaineBits: alloc.int32(rowGrandDomaineBits),
    rowSectionBits: alloc.int32(rowSectionBits),
    ...sumUpRuns(rows, rowGrandDomaineBits, rowSectionBits, alloc),
  };
}

const runKeyOf = (mentor: PreparedMentee) => mentor.expertiseMask * 2 + (modesOf(mentor) & 1);

/** Available mentors in row order: by run (see `RowRuns`), then mentor index. */
function sortIntoRuns(mentors: readonly PreparedMentee[]): PreparedMentee[] {
  return [...mentors].sort((a, b) => runKeyOf(a) - runKeyOf(b) || a.index - b.index);
}

/** The ids `ids[first]`, `ids[first + step]` … as bits `id & 31` (absent ids, -1, left out). */
function idBits(ids: Int32Array, first: number, step: number): number {
  let bits = 0;
  for (let at = first; at < ids.length; at += step) if (ids[at]! >= 0) bits |= 1 << (ids[at]! & 31);
  return bits;
}

/** The runs of `rows` (sorted by `sortIntoRuns`) and their unions. */
function sumUpRuns(
  rows: readonly PreparedMentee[],
  grandDomaineBits: readonly number[],
  sectionBits: readonly number[],
  alloc: Allocator,
): RowRuns {
  const start: number[] = [];
  const fields = {
    expertise: [] as number[],
    remote: [] as number[],
    kinds: [] as number[],
    availability: [] as number[],
    languages: [] as number[],
    grandDomaines: [] as number[],
    sections: [] as number[],
    mayBeNear: [] as number[],
  };
  rows.forEach((mentor, r) => {
    if (r === 0 || runKeyOf(mentor) !== runKeyOf(rows[r - 1]!)) {
      start.push(r);
      fields.expertise.push(mentor.expertiseMask);
      fields.remote.push(modesOf(mentor) & 1);
      for (const list of [
        fields.kinds,
        fields.availability,
        fields.languages,
        fields.grandDomaines,
        fields.sections,
        fields.mayBeNear,
      ])
        list.push(0);
    }
    const u = start.length - 1;
    fields.kinds[u]! |= 1 << kindOf(mentor);
    fields.availability[u]! |= mentor.availabilityMask;
    fields.languages[u]! |= mentor.languageMask;
    fields.grandDomaines[u]! |= grandDomaineBits[r]!;
    fields.sections[u]! |= sectionBits[r]!;
    if ((modesOf(mentor) & 2) !== 0 && hasCoordinatesOf(mentor)) fields.mayBeNear[u] = 1;
  });
  start.push(rows.length);
  return {
    runCount: start.length - 1,
    runStart: alloc.int32(start),
    runExpertise: alloc.int32(fields.expertise),
    runRemote: alloc.uint8(fields.remote),
    runKinds: alloc.int32(fields.kinds),
    runAvailability: alloc.int32(fields.availability),
    runLanguages: alloc.int32(fields.languages),
    runGrandDomaineBits: alloc.int32(fields.grandDomaines),
    runSectionBits: alloc.int32(fields.sections),
    runMayBeNear: alloc.uint8(fields.mayBeNear),
  };
}

const kindOf = (mentor: PreparedMentee) =>
  mentor.kind ? MENTOR_KINDS.indexOf(mentor.kind) + 1 : 0;

const hasCoordinatesOf = (person: PreparedMentee) =>
  person.place.latitude !== undefined && person.place.longitude !== undefined;

/** The 64 terms in most rows get bits 0–63 (ties: smaller term id); the others -1. */
function chooseTermBits(rows: readonly PreparedMentee[], vocabularySize: number): Int8Array {
  const frequency = new Int32Array(vocabularySize);
  for (const mentor of rows) for (const term of mentor.text.terms) frequency[term]!++;
  const terms = Array.from({ length: vocabularySize }, (_, term) => term)
    .filter((term) => frequency[term]! > 0)
    .sort((a, b) => frequency[b]! - frequency[a]! || a - b)
    .slice(0, 64);
  const bits = new Int8Array(vocabularySize).fill(-1);
  terms.forEach((term, bit) => (bits[term] = bit));
  return bits;
}

/** Inverted lists of rows by domaine, NAF division and place ids (see `RowsByKey`). */
function listRowsByKey(rows: readonly PreparedMentee[]): { start: number[]; rows: number[] } {
  const keysOf = (mentor: PreparedMentee) => {
    const keys = new Set<number>(mentor.domaineIds);
    for (let base = 0; base + 3 < mentor.sectorLevelIds.length; base += 5)
      keys.add(mentor.sectorLevelIds[base + 3]!);
    for (const id of [mentor.communeId, mentor.parentCommuneId, mentor.epciId]) keys.add(id);
    keys.add(mentor.departementId);
    keys.delete(-1);
    return keys;
  };
  const lists = rows.map(keysOf);
  let size = 0;
  for (const keys of lists) for (const key of keys) size = Math.max(size, key + 1);
  const count = new Array<number>(size + 1).fill(0);
  for (const keys of lists) for (const key of keys) count[key + 1]!++;
  for (let key = 0; key < size; key++) count[key + 1]! += count[key]!;
  const next = count.slice();
  const out = new Array<number>(count[size]!);
  lists.forEach((keys, r) => {
    for (const key of keys) out[next[key]!++] = r;
  });
  return { start: count, rows: out };
}

/** The `ROW_STRIDE`-word records of `rows`, one after another. */
function copyRecords(packed: Int32Array, rows: readonly number[]): Int32Array {
  const copies = new Int32Array(rows.length * ROW_STRIDE);
  rows.forEach((r, at) =>
    copies.set(packed.subarray(r * ROW_STRIDE, (r + 1) * ROW_STRIDE), at * ROW_STRIDE),
  );
  return copies;
}

/** Turns `mentee\u0000mentor` id keys into sorted mentor indices per mentee. */
function listExcludedMentors(
  profiles: PreparedProfiles,
  excluded: ExcludedPairs,
  alloc: Allocator,
): { menteeExcludedStart: Int32Array; menteeExcludedMentor: Int32Array } {
  const lists: number[][] = profiles.mentees.map(() => []);
  if (excluded.size > 0) {
    const indicesOf = (people: readonly { id: string; index: number }[]) => {
      const byId = new Map<string, number[]>();
      for (const person of people) {
        const list = byId.get(person.id);
        if (list) list.push(person.index);
        else byId.set(person.id, [person.index]);
      }
      return byId;
    };
    const menteesById = indicesOf(profiles.mentees);
    const mentorsById = indicesOf(profiles.mentors);
    for (const key of excluded) {
      // Every split point is tried, so that ids containing the separator still match.
      for (let at = key.indexOf('\u0000'); at >= 0; at = key.indexOf('\u0000', at + 1)) {
        const menteeIndices = menteesById.get(key.slice(0, at));
        const mentorIndices = mentorsById.get(key.slice(at + 1));
        if (!menteeIndices || !mentorIndices) continue;
        for (const mentee of menteeIndices) lists[mentee]!.push(...mentorIndices);
      }
    }
  }
  const start = [0];
  for (const list of lists) {
    list.sort((a, b) => a - b);
    start.push(start.at(-1)! + list.length);
  }
  return {
    menteeExcludedStart: alloc.int32(start),
    menteeExcludedMentor: alloc.int32(lists.flat()),
  };
}

/**
 * `checkPairAllowed` on the tables, for an available mentor row: program restriction,
 * required language, conflicts of interest, exclusions (a property test compares the two).
 */
export function isPairAllowedInTables(tables: ScoringTables, mentee: number, row: number): boolean {
  if (tables.rowProgramStart[row + 1]! > tables.rowProgramStart[row]!) {
    const program = tables.menteeProgram[mentee]!;
    if (program < 0 || !includes(tables.rowProgram, tables.rowProgramStart, row, program))
      return false;
  }
  const language = tables.menteeRequiredLanguage[mentee]!;
  if (language >= 0 && !includes(tables.rowLanguage, tables.rowLanguageStart, row, language))
    return false;
  const employer = tables.menteeEmployer[mentee]!;
  if (employer >= 0 && employer === tables.rowEmployer[row]) return false;
  const family = tables.menteeFamily[mentee]!;
  if (
    family >= 0 &&
    family === tables.rowFamily[row] &&
    tables.menteeParentCommune[mentee]! >= 0 &&
    tables.menteeParentCommune[mentee] === tables.rowParentCommune[row]
  ) {
    return false;
  }
  const from = tables.menteeExcludedStart[mentee]!;
  const to = tables.menteeExcludedStart[mentee + 1]!;
  if (to > from) {
    const mentor = tables.rowMentor[row]!;
    for (let at = from; at < to; at++) if (tables.menteeExcludedMentor[at] === mentor) return false;
  }
  return true;
}

function includes(values: Int32Array, start: Int32Array, row: number, value: number): boolean {
  for (let at = start[row]!; at < start[row + 1]!; at++) if (values[at] === value) return true;
  return false;
}

/** Whether a mentee brings constraints of its own that every pair must be checked against. */
export function isMenteeRestricted(tables: ScoringTables, mentee: number): boolean {
  return (
    tables.menteeRequiredLanguage[mentee]! >= 0 ||
    tables.menteeEmployer[mentee]! >= 0 ||
    tables.menteeFamily[mentee]! >= 0 ||
    tables.menteeExcludedStart[mentee + 1]! > tables.menteeExcludedStart[mentee]!
  );
}
