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
 * room), sorted into groups (`RowGroups`), so paused and full mentors cost nothing while
 * scanning and a group is read sequentially; `rowMentor` maps rows back to mentors.
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
} & RowGroups &
  RowsByKey;

/**
 * Rows grouped by what weighs most and does not depend on where people are: the exact
 * expertise mask (within it, by kind and openness to remote meetings). The needs share is
 * the same for every row of a group, so one bound per group, from per-mentee tables, tells
 * whether any of its rows can still make the list; the rest of a group is summarised by
 * unions, and its feature masks bound each row.
 */
export type RowGroups = {
  groupCount: number;
  /** Rows of group g: `groupStart[g]` … `groupStart[g + 1] - 1`. */
  groupStart: Int32Array;
  /** The expertise mask shared by the rows; their kinds (bit kind + 1) and remote bits. */
  groupKinds: Int32Array;
  groupExpertise: Int32Array;
  groupRemote: Uint8Array;
  /** Unions over the rows: availability, languages, in person (bit 2), with coordinates. */
  groupAvailability: Int32Array;
  groupLanguages: Int32Array;
  groupInPerson: Uint8Array;
  groupHasCoordinates: Uint8Array;
  /** Grand domaine and NAF section ids of the rows' codes, each as bit `id & 31`. */
  groupGrandDomaineBits: Int32Array;
  groupSectionBits: Int32Array;
  /** Union of the rows' frequent-term bits (see `termBit`), two words per group. */
  groupTerms: Int32Array;
  /**
   * Which rows of a group have each feature that its bound takes as a union, as bit j for
   * the group's j-th row (a group holds at most `GROUP_ROWS` rows): word `f * groupCount + g`
   * for feature f (offsets in `GROUP_MASKS`) of group g. From these a visited group tells,
   * for 32 rows at once, which can still reach the k-th best, before reading any row. By
   * feature, not by group: a mentee reads only its own few features, and those of a run
   * of groups lie together in a few cache lines.
   */
  groupRowMasks: Int32Array;
  /** The first group after g whose expertise mask differs (groups of a mask are in a run). */
  groupRunEnd: Int32Array;
  /**
   * Unions over the groups g … `groupRunEnd[g] - 1`: kinds (bit kind + 1), remote bit,
   * availability, languages, grand domaine and section bits, and 1 when a row may be near
   * by coordinates (in person, with coordinates).
   */
  runKinds: Int32Array;
  runRemote: Uint8Array;
  runAvailability: Int32Array;
  runLanguages: Int32Array;
  runGrandDomaineBits: Int32Array;
  runSectionBits: Int32Array;
  runMayBeNear: Uint8Array;
  /** Largest weight of each row's TF-IDF vector (a cosine with it is at most that times Σ q). */
  rowTextMax: Float64Array;
  /** The largest of those over each group's rows. */
  groupTextMax: Float64Array;
  /** Each row's frequent-term bits (`PACKED.termsLow`, `termsHigh`), two words per row. */
  rowTermBits: Int32Array;
};

/** Rows per group at most: one bit per row in a 32-bit mask. */
export const GROUP_ROWS = 32;

/** Offsets of the feature masks of a group in `groupRowMasks`. */
export const GROUP_MASKS = {
  /** 32 words: rows with a grand domaine id `id & 31 === b`, at offset b. */
  grandDomaine: 0,
  /** 32 words: rows with a NAF section id `id & 31 === b`. */
  section: 32,
  /** One word per availability slot: rows free then. */
  slot: 64,
  /** 31 words: rows with language bit b. */
  language: 64 + AVAILABILITY_SLOTS.length,
  /** Rows that meet in person and have coordinates (may be near without a shared place). */
  mayBeNear: 64 + AVAILABILITY_SLOTS.length + 31,
  /** 3 words: bit b of the rows' kind + 1. */
  kind: 64 + AVAILABILITY_SLOTS.length + 32,
  /** Rows open to remote meetings. */
  remote: 64 + AVAILABILITY_SLOTS.length + 35,
  /** Rows whose pairs need the pair checks (`rowNeedsPairCheck`). */
  pairCheck: 64 + AVAILABILITY_SLOTS.length + 36,
  stride: 64 + AVAILABILITY_SLOTS.length + 37,
} as const;

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
  const rows = sortIntoGroups(mentors.filter((mentor) => checkMentorAvailable(mentor) === null));

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
  const groups = groupRows(rows, rowOccupationStart, rowOccupationClass, rowSectorStart, {
    occupationClassGrandDomaine,
    rowSectorClass,
    sectorClassLevels,
  });
  const byKey = listRowsByKey(rows);
  const runEnd = runEndsOf(groups.expertise);
  const rowTextMax = rows.map((mentor) => Math.max(0, ...mentor.text.weights));

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
    groupCount: groups.start.length - 1,
    groupStart: alloc.int32(groups.start),
    groupKinds: alloc.int32(groups.kind),
    groupExpertise: alloc.int32(groups.expertise),
    groupRemote: alloc.uint8(groups.remote),
    groupAvailability: alloc.int32(groups.availability),
    groupLanguages: alloc.int32(groups.languages),
    groupInPerson: alloc.uint8(groups.inPerson),
    groupHasCoordinates: alloc.uint8(groups.hasCoordinates),
    groupGrandDomaineBits: alloc.int32(groups.grandDomaineBits),
    groupSectionBits: alloc.int32(groups.sectionBits),
    groupTerms: alloc.int32(groupTermsOf(groups.start, packed)),
    groupRowMasks: alloc.int32(byFeature(groups.rowMasks, groups.start.length - 1)),
    groupRunEnd: alloc.int32(runEnd),
    runKinds: alloc.int32(unionOverRuns(runEnd, (g) => groups.kind[g]!)),
    runRemote: alloc.uint8(unionOverRuns(runEnd, (g) => groups.remote[g]!)),
    runAvailability: alloc.int32(unionOverRuns(runEnd, (g) => groups.availability[g]!)),
    runLanguages: alloc.int32(unionOverRuns(runEnd, (g) => groups.languages[g]!)),
    runGrandDomaineBits: alloc.int32(unionOverRuns(runEnd, (g) => groups.grandDomaineBits[g]!)),
    runSectionBits: alloc.int32(unionOverRuns(runEnd, (g) => groups.sectionBits[g]!)),
    runMayBeNear: alloc.uint8(
      unionOverRuns(runEnd, (g) => (groups.inPerson[g]! !== 0 ? groups.hasCoordinates[g]! : 0)),
    ),
    rowTextMax: alloc.float64(rowTextMax),
    groupTextMax: alloc.float64(
      Array.from({ length: groups.start.length - 1 }, (_, g) =>
        Math.max(0, ...rowTextMax.slice(groups.start[g], groups.start[g + 1])),
      ),
    ),
    rowTermBits: alloc.int32(
      Array.from(
        { length: 2 * rows.length },
        (_, at) =>
          packed[(at >> 1) * ROW_STRIDE + ((at & 1) === 0 ? PACKED.termsLow : PACKED.termsHigh)]!,
      ),
    ),
    keyStart: alloc.int32(byKey.start),
    keyRows: alloc.int32(byKey.rows),
    keyPacked: alloc.int32(copyRecords(packed, byKey.rows)),
  };
}

const kindOf = (mentor: PreparedMentee) =>
  mentor.kind ? MENTOR_KINDS.indexOf(mentor.kind) + 1 : 0;

/** Rows are grouped by expertise mask; within one, kind and remote openness keep alike rows together. */
const rowOrderOf = (mentor: PreparedMentee) =>
  (mentor.expertiseMask * 8 + kindOf(mentor)) * 2 + (modesOf(mentor) & 1);
const groupKeyOf = (mentor: PreparedMentee) => mentor.expertiseMask;

/**
 * Available mentors in row order: by group (see `RowGroups`), then mentor index, so that a
 * group's rows are contiguous and read sequentially.
 */
function sortIntoGroups(mentors: readonly PreparedMentee[]): PreparedMentee[] {
  const keys = new Map(mentors.map((mentor) => [mentor, rowOrderOf(mentor)]));
  return [...mentors].sort((a, b) => keys.get(a)! - keys.get(b)! || a.index - b.index);
}

const hasCoordinatesOf = (person: PreparedMentee) =>
  person.place.latitude !== undefined && person.place.longitude !== undefined;

/**
 * Sorts rows into groups of equal expertise mask, at most `GROUP_ROWS` each (more rows with
 * one mask make several groups), and sums up each group.
 */
function groupRows(
  rows: readonly PreparedMentee[],
  occupationStart: readonly number[],
  occupationClass: readonly number[],
  sectorStart: readonly number[],
  classes: {
    occupationClassGrandDomaine: readonly number[];
    rowSectorClass: readonly number[];
    sectorClassLevels: readonly number[];
  },
) {
  const keys = rows.map(groupKeyOf);
  const order = rows.map((_, r) => r);
  const result = {
    start: [0],
    kind: [] as number[],
    expertise: [] as number[],
    remote: [] as number[],
    availability: [] as number[],
    languages: [] as number[],
    inPerson: [] as number[],
    hasCoordinates: [] as number[],
    grandDomaineBits: [] as number[],
    sectionBits: [] as number[],
    rowMasks: [] as number[],
  };
  let groupFirst = 0;
  for (let at = 0; at < order.length; at++) {
    const r = order[at]!;
    const mentor = rows[r]!;
    if (at === 0 || keys[r] !== keys[order[at - 1]!] || at - groupFirst === GROUP_ROWS) {
      if (at > 0) result.start.push(at);
      groupFirst = at;
      for (let word = 0; word < GROUP_MASKS.stride; word++) result.rowMasks.push(0);
      result.expertise.push(mentor.expertiseMask);
      for (const list of [
        result.kind,
        result.remote,
        result.availability,
        result.languages,
        result.inPerson,
        result.hasCoordinates,
        result.grandDomaineBits,
        result.sectionBits,
      ])
        list.push(0);
    }
    const g = result.expertise.length - 1;
    const masks = result.rowMasks;
    const base = g * GROUP_MASKS.stride;
    const bit = 1 << (at - groupFirst);
    const mark = (offset: number) => (masks[base + offset] = masks[base + offset]! | bit);
    for (let slot = 0; slot < AVAILABILITY_SLOTS.length; slot++)
      if ((mentor.availabilityMask & (1 << slot)) !== 0) mark(GROUP_MASKS.slot + slot);
    for (let language = 0; language < 31; language++)
      if ((mentor.languageMask & (1 << language)) !== 0) mark(GROUP_MASKS.language + language);
    if ((modesOf(mentor) & 2) !== 0 && hasCoordinatesOf(mentor)) mark(GROUP_MASKS.mayBeNear);
    for (let kindBit = 0; kindBit < 3; kindBit++)
      if ((kindOf(mentor) & (1 << kindBit)) !== 0) mark(GROUP_MASKS.kind + kindBit);
    if ((modesOf(mentor) & 1) !== 0) mark(GROUP_MASKS.remote);
    if (
      mentor.programs.length > 0 ||
      mentor.employerKey !== undefined ||
      mentor.familyKey !== undefined
    )
      mark(GROUP_MASKS.pairCheck);
    result.kind[g]! |= 1 << kindOf(mentor);
    result.remote[g]! |= modesOf(mentor) & 1;
    result.availability[g]! |= mentor.availabilityMask;
    result.languages[g]! |= mentor.languageMask;
    result.inPerson[g]! |= modesOf(mentor) & 2;
    result.hasCoordinates[g]! |= hasCoordinatesOf(mentor) ? 1 : 0;
    for (let c = occupationStart[r]!; c < occupationStart[r + 1]!; c++) {
      const id = classes.occupationClassGrandDomaine[occupationClass[c]!]!;
      if (id >= 0) {
        result.grandDomaineBits[g]! |= 1 << (id & 31);
        mark(GROUP_MASKS.grandDomaine + (id & 31));
      }
    }
    for (let c = sectorStart[r]!; c < sectorStart[r + 1]!; c++) {
      const id = classes.sectorClassLevels[5 * classes.rowSectorClass[c]! + 4]!;
      if (id >= 0) {
        result.sectionBits[g]! |= 1 << (id & 31);
        mark(GROUP_MASKS.section + (id & 31));
      }
    }
  }
  if (order.length > 0) result.start.push(order.length);
  return result;
}

/** For each group, the first later group with another expertise mask (or the count). */
function runEndsOf(expertise: readonly number[]): Int32Array {
  const ends = new Int32Array(expertise.length);
  for (let g = expertise.length - 1; g >= 0; g--)
    ends[g] = g + 1 < expertise.length && expertise[g + 1] === expertise[g] ? ends[g + 1]! : g + 1;
  return ends;
}

/** For each group g, the union of `value` over g … `runEnd[g] - 1`. */
function unionOverRuns(runEnd: Int32Array, value: (g: number) => number): Int32Array {
  const unions = new Int32Array(runEnd.length);
  for (let g = runEnd.length - 1; g >= 0; g--)
    unions[g] = value(g) | (runEnd[g]! > g + 1 ? unions[g + 1]! : 0);
  return unions;
}

/** Transposes group-major feature masks (`GROUP_MASKS.stride` per group) to feature-major. */
function byFeature(masks: readonly number[], groupCount: number): Int32Array {
  const out = new Int32Array(masks.length);
  for (let g = 0; g < groupCount; g++)
    for (let feature = 0; feature < GROUP_MASKS.stride; feature++)
      out[feature * groupCount + g] = masks[g * GROUP_MASKS.stride + feature]!;
  return out;
}

function groupTermsOf(start: readonly number[], packed: Int32Array): Int32Array {
  const terms = new Int32Array(2 * (start.length - 1));
  for (let g = 0; g + 1 < start.length; g++) {
    for (let r = start[g]!; r < start[g + 1]!; r++) {
      terms[2 * g] = terms[2 * g]! | packed[r * ROW_STRIDE + PACKED.termsLow]!;
      terms[2 * g + 1] = terms[2 * g + 1]! | packed[r * ROW_STRIDE + PACKED.termsHigh]!;
    }
  }
  return terms;
}

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
