import { MENTOR_KINDS, TRACKS } from '../domain/people.ts';
import type { RowFilter } from './filter-rows.ts';
import { createRowFilter, UNITS } from './filter-rows.ts';
import { countBits } from './prepare-profiles.ts';
import type { ScoringTables } from './scoring-tables.ts';
import {
  isMenteeRestricted,
  isPairAllowedInTables,
  NEED_BITS,
  PACKED,
  ROW_STRIDE,
} from './scoring-tables.ts';
import {
  measureHaversineKm,
  measureTrackFit,
  proximityOfDistance,
  PROXIMITY_RANGE_KM,
  SECTOR_LEVEL_SIMILARITY,
} from './score-pair.ts';

/** Top-k candidates of one mentee, best first, and what pruning left out. */
export type CandidateList = {
  mentors: Int32Array;
  scores: Float64Array;
  /**
   * No mentor left out (allowed by the hard constraints) can score more than this; -Infinity
   * when nothing allowed was left out.
   */
  prunedBound: number;
  /** Pairs whose full score (with the text cosine) was computed. */
  scoredPairs: number;
};

export type FindCandidatesOptions = {
  k: number;
  minScore?: number;
};

/**
 * One mentee's search, kept across the passes of a batch: its lookup tables, its text
 * bound, which rows it looked at, its top-k heap and what it left out.
 */
type MenteeSearch = {
  /** Its place in the batch (and parameter block of the row filter). */
  slot: number;
  mentee: number;
  k: number;
  minScore: number;
  restricted: boolean;
  size: number;
  /** Best full score that missed the list, and best bound of a row left out unscored. */
  prunedBound: number;
  skippedBound: number;
  scoredPairs: number;
  /** Best text contribution this mentee can get from any mentor (with slack). */
  textReach: number;
  occupationSimilarity: Float64Array;
  sectorSimilarity: Float64Array;
  /** Track fit by kind + 1 (0: no kind). */
  trackFit: Float64Array;
  /** The largest track fit of any kind in a set (bit kind + 1), for each set. */
  bestTrackFit: Float64Array;
  needShare: Float64Array;
  isRemote: Float64Array;
  isLocal: Float64Array;
  /** The mentee's grand domaines and NAF sections as bits `id & 31`. */
  grandDomaineBits: number;
  sectionBits: number;
  /**
   * Text bound: per frequent-term bit, its weight times the term's largest mentor weight;
   * the same summed over its other terms; its bits, two words.
   */
  termReach: Float64Array;
  rareReach: number;
  /** The mentee's weight of each frequent-term bit, and the sum of its other weights. */
  termQuery: Float64Array;
  rareQuery: number;
  queryLow: number;
  queryHigh: number;
  place: MenteePlace;
  /** Bit r: row r was looked at (under a key, or let through by the filter). */
  visited: Int32Array;
  heapMentor: Int32Array;
  heapScore: Float64Array;
};

/**
 * Reusable buffers of one thread: one search allocates nothing but its result. Not safe to
 * share between concurrent searches (there are none: workers each have their own).
 */
export type CandidateWorkspace = {
  /** One search per mentee of a batch. */
  searches: MenteeSearch[];
  /** The TF-IDF vector of the mentee being scanned, dense (zero elsewhere). */
  query: Float64Array;
  /**
   * The current mentee's rows found by key: row, offset of its copy in `keyPacked`, exact
   * structured part; and their order, best part first (by `keyHistogram` buckets).
   */
  keyRow: Int32Array;
  keyBase: Int32Array;
  keyPartial: Float64Array;
  keyOrder: Int32Array;
  keyHistogram: Int32Array;
  /** The SIMD bound of the rows not visited by key, and its buffers (decision 0109). */
  rowFilter: RowFilter;
  /** Runs of segment s: `segmentStart[s]` … `segmentStart[s + 1] - 1`. */
  segmentStart: Int32Array;
};

/**
 * Mentees searched together: each segment of rows is then read from memory once for all of
 * them, not once per mentee.
 */
const BATCH = 16;

/**
 * Rows per segment: a segment's blocks for the filter (20 bytes per row) stay in a core's
 * cache while the mentees of a batch filter them in turn.
 */
const SEGMENT_ROWS = 4096;

/** Availability similarity by number of shared slots: full marks from two. */
const SLOT_SHARE = Float64Array.from({ length: 33 }, (_, count) => Math.min(1, count / 2));

const NEED_MASK = (1 << NEED_BITS) - 1;

/** Buckets of the histogram of structured scores (scores are in [0, 1]). */
const BUCKETS = 256;

/**
 * Allocates the buffers `findCandidates` needs for these tables and lists of up to `k`.
 * `segmentRows` sets how many rows a segment holds (tests make it small; lists and bounds
 * depend on it, so every thread of one build uses the default).
 */
export function createCandidateWorkspace(
  tables: ScoringTables,
  k: number,
  segmentRows = SEGMENT_ROWS,
): CandidateWorkspace {
  return {
    searches: Array.from({ length: BATCH }, (_, slot) => createSearch(tables, k, slot)),
    query: new Float64Array(tables.vocabularySize),
    keyRow: new Int32Array(tables.rowCount),
    keyBase: new Int32Array(tables.rowCount),
    keyPartial: new Float64Array(tables.rowCount),
    keyOrder: new Int32Array(tables.rowCount),
    keyHistogram: new Int32Array(BUCKETS + 2),
    rowFilter: createRowFilter(tables, BATCH),
    segmentStart: splitIntoSegments(tables, segmentRows),
  };
}

function createSearch(tables: ScoringTables, k: number, slot: number): MenteeSearch {
  return {
    slot,
    mentee: -1,
    k,
    minScore: -Infinity,
    restricted: false,
    size: 0,
    prunedBound: -Infinity,
    skippedBound: -Infinity,
    scoredPairs: 0,
    textReach: 0,
    occupationSimilarity: new Float64Array(tables.occupationClassCode.length),
    sectorSimilarity: new Float64Array(tables.sectorClassLevels.length / 5),
    trackFit: new Float64Array(MENTOR_KINDS.length + 1),
    bestTrackFit: new Float64Array(1 << (MENTOR_KINDS.length + 1)),
    needShare: new Float64Array(33),
    isRemote: new Float64Array(4),
    isLocal: new Float64Array(4),
    grandDomaineBits: 0,
    sectionBits: 0,
    termReach: new Float64Array(64),
    rareReach: 0,
    termQuery: new Float64Array(64),
    rareQuery: 0,
    queryLow: 0,
    queryHigh: 0,
    place: {
      latitude: NaN,
      longitude: NaN,
      hasCoordinates: false,
      commune: -1,
      isArrondissement: false,
      parentCommune: -1,
      epci: -1,
      departement: -1,
    },
    // Also the padding rows of the filter's last block, marked visited at the start.
    visited: new Int32Array((tables.rowCount + 7 + 31) >>> 5),
    heapMentor: new Int32Array(k),
    heapScore: new Float64Array(k),
  };
}

/** Cuts the runs, in order, into segments of about `segmentRows` rows. */
function splitIntoSegments(tables: ScoringTables, segmentRows: number): Int32Array {
  const starts = [0];
  for (let u = 1; u < tables.runCount; u++)
    if (tables.runStart[u]! - tables.runStart[starts.at(-1)!]! >= segmentRows) starts.push(u);
  starts.push(tables.runCount);
  return Int32Array.from(starts);
}

/** Degrees to kilometres along a meridian, shaved so that it never overestimates. */
const KM_PER_DEGREE_LOWER = ((6371 * Math.PI) / 180) * (1 - 1e-9);

/**
 * The k best allowed mentors of a mentee, exactly as sorting every allowed pair by score
 * would give them (ties: smaller mentor index first).
 *
 * 1. The rows that share an occupation domaine, a NAF division or a place with the mentee
 *    (inverted lists of the tables, a few per cent of the rows) are scored first, best
 *    structured part first: they hold most of the list and set a k-th best score early.
 * 2. Every other row can get at most a grand domaine, a NAF section and, without
 *    coordinates, nothing for places. A run of rows (one expertise mask, one openness to
 *    remote meetings) whose unions cannot reach the k-th best is skipped whole; for the
 *    others a WebAssembly SIMD filter (`filter-rows.ts`) bounds eight rows at a time — in
 *    integer units rounded up: exact track fit, needs, slots
 *    and language, bits for grand domaines, sections, remote meetings and coordinates, and
 *    a text bound from their shared frequent terms and largest weight — and lets through
 *    only those that may still reach the k-th best (or the best bound left out so far).
 * 3. A row let through gets its exact structured part, and the text cosine is added only
 *    when that part plus its own text bound still reaches the k-th best.
 *
 * Full scores are bit-for-bit those of `scorePair`: the structured similarities are added
 * in the order of `sumContributions` and the cosine uses the mentee's vector scattered into
 * a dense array, adding the same products in the same order as `measureCosine`.
 */
export function findCandidates(
  tables: ScoringTables,
  mentee: number,
  options: FindCandidatesOptions,
  workspace: CandidateWorkspace = createCandidateWorkspace(tables, options.k),
): CandidateList {
  let result: CandidateList | undefined;
  findCandidateBatch(tables, mentee, mentee + 1, options, workspace, (_, list) => (result = list));
  return result!;
}

/**
 * `findCandidates` for the mentees `start` … `end - 1`, each list handed to `take` in mentee
 * order. Mentees are searched `BATCH` at a time, segment by segment of the rows, so that a
 * segment is brought into cache once for the whole batch; each mentee's search is the same
 * as alone (its list and bound do not depend on the others).
 */
export function findCandidateBatch(
  tables: ScoringTables,
  start: number,
  end: number,
  options: FindCandidatesOptions,
  workspace: CandidateWorkspace,
  take: (mentee: number, list: CandidateList) => void,
): void {
  if (workspace.searches[0]!.heapMentor.length < options.k)
    workspace.searches = workspace.searches.map((_, slot) => createSearch(tables, options.k, slot));
  const { searches, segmentStart } = workspace;
  for (let first = start; first < end; first += BATCH) {
    const count = Math.min(BATCH, end - first);
    for (let at = 0; at < count; at++) {
      const search = searches[at]!;
      startSearch(tables, search, first + at, options);
      markPadding(tables, workspace, search);
      writeFilterParams(tables, workspace, search);
      scatterQuery(tables, search.mentee, workspace.query);
      visitSharedKeys(tables, workspace, search);
      clearQuery(tables, search.mentee, workspace.query);
    }
    for (let segment = 0; segment + 1 < segmentStart.length; segment++) {
      const first = segmentStart[segment]!;
      const end = segmentStart[segment + 1]!;
      for (let at = 0; at < count; at++) {
        const search = searches[at]!;
        scatterQuery(tables, search.mentee, workspace.query);
        filterRuns(tables, workspace, search, first, end);
        clearQuery(tables, search.mentee, workspace.query);
      }
    }
    for (let at = 0; at < count; at++) take(first + at, finishSearch(searches[at]!));
  }
}

/** Resets a search for a mentee: its lookup tables, text bound and empty list. */
function startSearch(
  tables: ScoringTables,
  search: MenteeSearch,
  mentee: number,
  options: FindCandidatesOptions,
): void {
  search.mentee = mentee;
  search.k = options.k;
  search.minScore = options.minScore ?? -Infinity;
  search.restricted = isMenteeRestricted(tables, mentee);
  search.size = 0;
  search.prunedBound = -Infinity;
  search.skippedBound = -Infinity;
  search.scoredPairs = 0;
  search.visited.fill(0);
  tabulateMentee(tables, mentee, search);
  readMenteePlace(tables, mentee, search.place);
  // The slack covers the different order of additions of the bounds.
  search.textReach = tables.weights[7]! * reachText(tables, mentee, search) + 1e-9;
}

/** Marks the filter's padding rows visited, so that they are never scanned. */
function markPadding(
  tables: ScoringTables,
  workspace: CandidateWorkspace,
  search: MenteeSearch,
): void {
  for (let r = tables.rowCount; r < workspace.rowFilter.paddedRows; r++)
    search.visited[r >>> 5] = search.visited[r >>> 5]! | (1 << (r & 31));
}

/** Units of a score, rounded up: what the filter adds for a criterion worth `value`. */
function unitsAbove(value: number): number {
  return Math.ceil(value * UNITS * (1 + 1e-9));
}

/**
 * Writes the filter query of a search: what each criterion can add for this mentee to a row
 * that shares no key with it, in units rounded up (a grand domaine is worth at most 0.3 of
 * the occupation weight, a NAF section 0.2 of the sector weight), and for the text its reach
 * and its largest frequent-term weight and other weights, which the row's largest weight
 * multiplies.
 */
function writeFilterParams(
  tables: ScoringTables,
  workspace: CandidateWorkspace,
  search: MenteeSearch,
): void {
  const weights = tables.weights;
  const mentee = search.mentee;
  const needCount = tables.menteeNeedCount[mentee]!;
  const modes = tables.menteeModes[mentee]!;
  const w7 = weights[7]!;
  let largestQuery = 0;
  for (let bit = 0; bit < 64; bit++)
    if (search.termQuery[bit]! > largestQuery) largestQuery = search.termQuery[bit]!;
  workspace.rowFilter.setQuery(search.slot, {
    needs: tables.menteeNeeds[mentee]!,
    needUnit: needCount > 0 ? unitsAbove(weights[3]! / needCount) : 0,
    availability: tables.menteeAvailability[mentee]!,
    halfSlot: unitsAbove(weights[5]! * 0.5),
    languages: tables.menteeLanguages[mentee]!,
    language: unitsAbove(weights[6]!),
    grandDomaines: search.grandDomaineBits,
    grandDomaine: unitsAbove(weights[1]! * 0.3),
    sections: search.sectionBits,
    section: unitsAbove(weights[2]! * 0.2),
    remote: (modes & 1) !== 0,
    near: search.place.hasCoordinates && (modes & 2) !== 0,
    geography: unitsAbove(weights[4]!),
    termsLow: search.queryLow,
    termsHigh: search.queryHigh,
    reach: unitsAbove(search.textReach),
    termQuery: unitsAbove(w7 * largestQuery * (1 + 1e-6)),
    rareQuery: unitsAbove(w7 * search.rareQuery * (1 + 1e-6)),
    kindUnits: Array.from({ length: 8 }, (_, kind) =>
      unitsAbove(weights[0]! * (search.trackFit[kind] ?? 0)),
    ),
    // Covers the different order of the additions of the exact score.
    slack: 2,
  });
}

/**
 * Step 2 for the runs `first` … `end - 1`: a run whose unions cannot reach the filter's
 * threshold is skipped whole (every row the filter would drop is below it, see
 * `filterRows`); the blocks of the others go through the filter, neighbours together.
 */
function filterRuns(
  tables: ScoringTables,
  workspace: CandidateWorkspace,
  search: MenteeSearch,
  first: number,
  end: number,
): void {
  const { runStart, runKinds, runExpertise, runAvailability, runLanguages } = tables;
  const { runRemote, runMayBeNear, runGrandDomaineBits, runSectionBits, weights } = tables;
  const { bestTrackFit, needShare, grandDomaineBits, sectionBits, mentee } = search;
  const w0 = weights[0]!;
  const w3 = weights[3]!;
  const w4 = weights[4]!;
  const w5 = weights[5]!;
  const w6 = weights[6]!;
  const occupationReach = weights[1]! * 0.3;
  const sectorReach = weights[2]! * 0.2;
  const needs = tables.menteeNeeds[mentee]!;
  const availability = tables.menteeAvailability[mentee]!;
  const languages = tables.menteeLanguages[mentee]!;
  const modes = tables.menteeModes[mentee]!;
  const remote = (modes & 1) !== 0 ? 1 : 0;
  const near = search.place.hasCoordinates && (modes & 2) !== 0 ? 1 : 0;
  // The slack covers the order of additions against a row's exact score.
  const text = search.textReach + 1e-9;
  let floor = floorOfFilter(search);
  let from = -1;
  let to = -1;
  for (let u = first; u < end; u++) {
    // The most a row of run u not found by key can score: the run's expertise mask
    // exactly, its unions for the rest (as the filter bounds a row), the text reach.
    const sharedLanguages = languages & runLanguages[u]!;
    let bound =
      w0 * bestTrackFit[runKinds[u]!]! +
      w3 * needShare[countBits(needs & runExpertise[u]!)]! +
      w5 * SLOT_SHARE[countBits(availability & runAvailability[u]!)]! +
      w6 * ((sharedLanguages | -sharedLanguages) >>> 31) +
      text;
    if ((remote & runRemote[u]!) !== 0 || (near & runMayBeNear[u]!) !== 0) bound += w4;
    if ((grandDomaineBits & runGrandDomaineBits[u]!) !== 0) bound += occupationReach;
    if ((sectionBits & runSectionBits[u]!) !== 0) bound += sectorReach;
    if (bound < floor) continue;
    const a = runStart[u]! >>> 3;
    const b = (runStart[u + 1]! + 7) >>> 3;
    if (from >= 0 && a <= to) {
      if (b > to) to = b;
      continue;
    }
    if (from >= 0) {
      filterRows(tables, workspace, search, from, to);
      floor = floorOfFilter(search);
    }
    from = a;
    to = b;
  }
  if (from >= 0) filterRows(tables, workspace, search, from, to);
}

/**
 * The filter's floor as a score: the lower of the k-th best and the best bound or score
 * left out so far, and at least the minimum score (see `filterRows`).
 */
function floorOfFilter(search: MenteeSearch): number {
  const kth = search.size === search.k ? search.heapScore[0]! : -Infinity;
  return Math.max(
    search.minScore,
    Math.min(kth, Math.max(search.skippedBound, search.prunedBound)),
  );
}

/**
 * Steps 2 and 3 with the filter: the rows of blocks `from` … `to - 1` whose bound reaches
 * the k-th best, or the best bound or score left out so far if that is lower (so that every
 * row the filter drops is below both, and `prunedBound` already covers it), or the minimum
 * score;
 * those rows are then scanned exactly (the rows already visited by key are skipped there).
 */
function filterRows(
  tables: ScoringTables,
  workspace: CandidateWorkspace,
  search: MenteeSearch,
  from: number,
  to: number,
): void {
  const filter = workspace.rowFilter;
  const minimum = search.minScore === -Infinity ? -Infinity : Math.floor(search.minScore * UNITS);
  const kth = search.size === search.k ? Math.floor(search.heapScore[0]! * UNITS) : -Infinity;
  // The best left out, by bound or by score (with a minimum score, only by score).
  const leftOut = Math.max(search.skippedBound, search.prunedBound);
  const skipped = leftOut === -Infinity ? -Infinity : Math.floor(leftOut * UNITS);
  const found = filter.filter(search.slot, Math.max(minimum, Math.min(kth, skipped)), from, to);
  if (found > 0) scanRows(tables, workspace, search, filter.found, 0, found);
}

/** The list of a finished search, best first. */
function finishSearch(search: MenteeSearch): CandidateList {
  const { heapMentor, heapScore, size } = search;
  const ranked = Array.from({ length: size }, (_, at) => at).sort(
    (a, b) => heapScore[b]! - heapScore[a]! || heapMentor[a]! - heapMentor[b]!,
  );
  return {
    mentors: Int32Array.from(ranked, (at) => heapMentor[at]!),
    scores: Float64Array.from(ranked, (at) => heapScore[at]!),
    prunedBound: Math.max(search.prunedBound, search.skippedBound),
    scoredPairs: search.scoredPairs,
  };
}

/**
 * Step 1: the rows listed under the mentee's domaines, NAF divisions and places. Their
 * structured parts are summed first, then the rows are scored best part first: the k-th
 * best rises at once to nearly its value among these rows, so that few of them need a text
 * bound and fewer a cosine.
 */
function visitSharedKeys(
  tables: ScoringTables,
  workspace: CandidateWorkspace,
  search: MenteeSearch,
): void {
  const mentee = search.mentee;
  let count = 0;
  for (
    let at = tables.menteeOccupationStart[mentee]!;
    at < tables.menteeOccupationStart[mentee + 1]!;
    at++
  )
    count = collectKeyRows(tables, workspace, search, tables.menteeOccupationDomaine[at]!, count);
  for (
    let base = tables.menteeSectorStart[mentee]!;
    base < tables.menteeSectorStart[mentee + 1]!;
    base += 5
  )
    count = collectKeyRows(tables, workspace, search, tables.menteeSectorLevels[base + 3]!, count);
  // Places count only for people who both meet in person.
  if ((tables.menteeModes[mentee]! & 2) !== 0) {
    count = collectKeyRows(tables, workspace, search, tables.menteeDepartement[mentee]!, count);
    count = collectKeyRows(tables, workspace, search, tables.menteeEpci[mentee]!, count);
    count = collectKeyRows(tables, workspace, search, tables.menteeParentCommune[mentee]!, count);
    count = collectKeyRows(tables, workspace, search, tables.menteeCommune[mentee]!, count);
  }
  orderKeyRows(workspace, count);
  scoreKeyRows(tables, workspace, search, count);
}

/**
 * The rows listed under `key` not visited yet: marks them visited and appends each allowed
 * one with its exact structured part (the similarities of `measureStructuredCriteria`,
 * added in the order of `sumContributions`) to the key buffers from `count`; returns the new
 * count. Rows are read from the lists' copies, in list order.
 */
function collectKeyRows(
  tables: ScoringTables,
  workspace: CandidateWorkspace,
  search: MenteeSearch,
  key: number,
  count: number,
): number {
  if (key < 0 || key + 1 >= tables.keyStart.length) return count;
  const { keyRow, keyBase, keyPartial } = workspace;
  const { visited, trackFit, needShare, isRemote, isLocal } = search;
  const { occupationSimilarity, sectorSimilarity, place } = search;
  const weights = tables.weights;
  const w0 = weights[0]!;
  const w1 = weights[1]!;
  const w2 = weights[2]!;
  const w3 = weights[3]!;
  const w4 = weights[4]!;
  const w5 = weights[5]!;
  const w6 = weights[6]!;
  const mentee = search.mentee;
  const needs = tables.menteeNeeds[mentee]!;
  const availability = tables.menteeAvailability[mentee]! << NEED_BITS;
  const languages = tables.menteeLanguages[mentee]!;
  const { keyRows, keyPacked } = tables;
  const { restricted, textReach, minScore } = search;
  let next = count;
  for (let at = tables.keyStart[key]!; at < tables.keyStart[key + 1]!; at++) {
    const r = keyRows[at]!;
    const word = r >>> 5;
    const bit = 1 << (r & 31);
    if ((visited[word]! & bit) !== 0) continue;
    visited[word] = visited[word]! | bit;
    const base = at * ROW_STRIDE;
    const flags = keyPacked[base + PACKED.flags]!;
    if ((restricted || (flags & 64) !== 0) && !isPairAllowedInTables(tables, mentee, r)) continue;
    let occupation = Math.max(
      occupationSimilarity[keyPacked[base + PACKED.occupationA]!]!,
      occupationSimilarity[keyPacked[base + PACKED.occupationB]!]!,
    );
    let sector = Math.max(
      sectorSimilarity[keyPacked[base + PACKED.sectorA]!]!,
      sectorSimilarity[keyPacked[base + PACKED.sectorB]!]!,
    );
    if ((flags & 32) !== 0) {
      occupation = readBestClass(
        tables.rowOccupationStart,
        tables.rowOccupationClass,
        occupationSimilarity,
        r,
      );
      sector = readBestClass(tables.rowSectorStart, tables.rowSectorClass, sectorSimilarity, r);
    }
    const mentorModes = (flags >> 3) & 3;
    const nearby =
      isLocal[mentorModes] === 1 ? measureNearby(tables, place, keyPacked, base, r) : 0;
    // Exactly 1 for two remote-friendly people, `nearby` when both meet in person, else 0.
    const geography = isRemote[mentorModes]! + isLocal[mentorModes]! * nearby;
    const masks = keyPacked[base + PACKED.masks]!;
    const sharedLanguages = languages & keyPacked[base + PACKED.languages]!;
    // Same additions in the same order as `sumContributions`. The same sum stands in
    // `scanRows`/`collectKeyRows` on purpose: one shared function is not inlined, and the
    // search took 8–25 % more time with it (perf samples, 2026-12-02).
    let partial = w0 * trackFit[flags & 7]!;
    partial += w1 * occupation;
    partial += w2 * sector;
    partial += w3 * needShare[countBits(needs & masks & NEED_MASK)]!;
    partial += w4 * geography;
    partial += w5 * SLOT_SHARE[countBits(availability & masks)]!;
    partial += w6 * ((sharedLanguages | -sharedLanguages) >>> 31);
    if (partial + textReach < minScore) continue;
    keyRow[next] = r;
    keyBase[next] = base;
    keyPartial[next] = partial;
    next++;
  }
  return next;
}

/**
 * Orders the `count` collected key rows by bucket of their structured part, highest first;
 * `keyHistogram[b]` is then where the rows of bucket b end in `keyOrder`.
 */
function orderKeyRows(workspace: CandidateWorkspace, count: number): void {
  const { keyHistogram, keyPartial, keyOrder } = workspace;
  keyHistogram.fill(0);
  for (let at = 0; at < count; at++) keyHistogram[bucketOf(keyPartial[at]!)]!++;
  let next = 0;
  for (let bucket = BUCKETS; bucket >= 0; bucket--) {
    const inBucket = keyHistogram[bucket]!;
    keyHistogram[bucket] = next;
    next += inBucket;
  }
  for (let at = 0; at < count; at++) keyOrder[keyHistogram[bucketOf(keyPartial[at]!)]!++] = at;
}

/**
 * Scores the collected key rows in `keyOrder`: once the list is full, a row whose structured
 * part plus the mentee's text reach (then its own text bound) cannot reach the k-th best is
 * left out with that bound; the others get their cosine and are offered to the list.
 */
function scoreKeyRows(
  tables: ScoringTables,
  workspace: CandidateWorkspace,
  search: MenteeSearch,
  count: number,
): void {
  const { keyRow, keyBase, keyPartial, keyOrder, keyHistogram, query } = workspace;
  const { heapScore } = search;
  const { keyPacked, rowTextMax } = tables;
  const w7 = tables.weights[7]!;
  const { textReach, minScore, k } = search;
  for (let at = 0; at < count; at++) {
    const entry = keyOrder[at]!;
    const partial = keyPartial[entry]!;
    const base = keyBase[entry]!;
    if (search.size === k) {
      const bucket = bucketOf(partial);
      if (minScore === -Infinity && (bucket + 1) / BUCKETS + textReach < heapScore[0]!) {
        // No row of this bucket or below can reach the k-th best: the best bound left out
        // is that of the best row remaining in this bucket (the buckets below hold less).
        leaveOutKeyRows(search, keyPartial, keyOrder, at, keyHistogram[bucket]!);
        return;
      }
      let bound = partial + textReach;
      if (bound >= heapScore[0]!) {
        bound =
          partial +
          w7 *
            boundText(
              search,
              keyPacked[base + PACKED.termsLow]!,
              keyPacked[base + PACKED.termsHigh]!,
              rowTextMax[keyRow[entry]!]!,
            ) +
          1e-9;
      }
      if (bound < heapScore[0]!) {
        if (!isLeftOutByBound(search, bound)) continue;
      }
    }
    offer(
      search,
      keyPacked[base + PACKED.mentor]!,
      partial + w7 * measureRowCosine(tables, query, keyPacked, base),
    );
  }
}

/**
 * For a row whose bound cannot reach the k-th best: records that bound as the best left out
 * and returns false (the row is left out), or returns true when the row must be scored
 * after all. That is when a minimum score is set and the bound would raise the best left
 * out: the row's score then tells whether it is allowed at all (below the minimum, it is not
 * left out, and `prunedBound` stays -Infinity when nothing allowed was). Otherwise rows at or
 * below the best bound already left out need nothing.
 */
function isLeftOutByBound(search: MenteeSearch, bound: number): boolean {
  if (bound < search.minScore || bound <= search.skippedBound) return false;
  if (search.minScore === -Infinity) {
    search.skippedBound = bound;
    return false;
  }
  return true;
}

/**
 * Leaves out the key rows `keyOrder[from]` … `keyOrder[to - 1]` with their best bound (only
 * without a minimum score, see `isLeftOutByBound`).
 */
function leaveOutKeyRows(
  search: MenteeSearch,
  keyPartial: Float64Array,
  keyOrder: Int32Array,
  from: number,
  to: number,
): void {
  let best = -Infinity;
  for (let at = from; at < to; at++) {
    const partial = keyPartial[keyOrder[at]!]!;
    if (partial > best) best = partial;
  }
  const bound = best + search.textReach;
  if (bound >= search.minScore && bound > search.skippedBound) search.skippedBound = bound;
}

/**
 * Looks at the rows `list[from]` … `list[to - 1]` (rows `from` … `to - 1` without a list)
 * not visited yet in this search, none of which shares a key with the mentee: the exact
 * structured part of each (the similarities of `measureStructuredCriteria`, added in the
 * order of `sumContributions`), then the text cosine only if the two together may still
 * reach the k-th best. Each pair is offered to the list or left out with its bound. Every
 * table is read into a local first: property loads on the large tables object, repeated for
 * every row, cost more than the arithmetic.
 */
function scanRows(
  tables: ScoringTables,
  workspace: CandidateWorkspace,
  search: MenteeSearch,
  list: Int32Array | null,
  from: number,
  to: number,
): void {
  const { query } = workspace;
  const { visited, heapScore, trackFit, needShare, isRemote, isLocal } = search;
  const { occupationSimilarity, sectorSimilarity, place } = search;
  const weights = tables.weights;
  const w0 = weights[0]!;
  const w1 = weights[1]!;
  const w2 = weights[2]!;
  const w3 = weights[3]!;
  const w4 = weights[4]!;
  const w5 = weights[5]!;
  const w6 = weights[6]!;
  const w7 = weights[7]!;
  const mentee = search.mentee;
  const needs = tables.menteeNeeds[mentee]!;
  const availability = tables.menteeAvailability[mentee]! << NEED_BITS;
  const languages = tables.menteeLanguages[mentee]!;
  const { rowPacked, rowTextMax } = tables;
  const { restricted, textReach, minScore, k } = search;
  for (let at = from; at < to; at++) {
    const r = list === null ? at : list[at]!;
    const word = r >>> 5;
    const bit = 1 << (r & 31);
    if ((visited[word]! & bit) !== 0) continue;
    visited[word] = visited[word]! | bit;
    const base = r * ROW_STRIDE;
    const flags = rowPacked[base + PACKED.flags]!;
    if ((restricted || (flags & 64) !== 0) && !isPairAllowedInTables(tables, mentee, r)) continue;
    let occupation = Math.max(
      occupationSimilarity[rowPacked[base + PACKED.occupationA]!]!,
      occupationSimilarity[rowPacked[base + PACKED.occupationB]!]!,
    );
    let sector = Math.max(
      sectorSimilarity[rowPacked[base + PACKED.sectorA]!]!,
      sectorSimilarity[rowPacked[base + PACKED.sectorB]!]!,
    );
    if ((flags & 32) !== 0) {
      occupation = readBestClass(
        tables.rowOccupationStart,
        tables.rowOccupationClass,
        occupationSimilarity,
        r,
      );
      sector = readBestClass(tables.rowSectorStart, tables.rowSectorClass, sectorSimilarity, r);
    }
    const mentorModes = (flags >> 3) & 3;
    // A row not found by key shares no place id with the mentee (those rows were
    // all listed under its keys): only coordinates can bring it near.
    const nearby =
      isLocal[mentorModes] === 1 && place.hasCoordinates && (flags & 128) !== 0
        ? measureNearby(tables, place, rowPacked, base, r)
        : 0;
    // Exactly 1 for two remote-friendly people, `nearby` when both meet in person, else 0.
    const geography = isRemote[mentorModes]! + isLocal[mentorModes]! * nearby;
    const masks = rowPacked[base + PACKED.masks]!;
    const sharedLanguages = languages & rowPacked[base + PACKED.languages]!;
    // Same additions in the same order as `sumContributions`. The same sum stands in
    // `scanRows`/`collectKeyRows` on purpose: one shared function is not inlined, and the
    // search took 8–25 % more time with it (perf samples, 2026-12-02).
    let partial = w0 * trackFit[flags & 7]!;
    partial += w1 * occupation;
    partial += w2 * sector;
    partial += w3 * needShare[countBits(needs & masks & NEED_MASK)]!;
    partial += w4 * geography;
    partial += w5 * SLOT_SHARE[countBits(availability & masks)]!;
    partial += w6 * ((sharedLanguages | -sharedLanguages) >>> 31);
    let bound = partial + textReach;
    if (bound < minScore) continue;
    if (search.size === k && bound >= heapScore[0]!) {
      // Worth a closer look: the text bound of this row's frequent terms.
      bound =
        partial +
        w7 *
          boundText(
            search,
            rowPacked[base + PACKED.termsLow]!,
            rowPacked[base + PACKED.termsHigh]!,
            rowTextMax[r]!,
          ) +
        1e-9;
    }
    if (search.size === k && bound < heapScore[0]!) {
      if (!isLeftOutByBound(search, bound)) continue;
    }
    offer(
      search,
      rowPacked[base + PACKED.mentor]!,
      partial + w7 * measureRowCosine(tables, query, rowPacked, base),
    );
  }
}

/** The cosine of the mentee (its vector scattered in `query`) with the record's text. */
function measureRowCosine(
  tables: ScoringTables,
  query: Float64Array,
  packed: Int32Array,
  base: number,
): number {
  const { rowTextTerm, rowTextWeight } = tables;
  let total = 0;
  const end = packed[base + PACKED.textEnd]!;
  for (let term = packed[base + PACKED.textStart]!; term < end; term++)
    total += query[rowTextTerm[term]!]! * rowTextWeight[term]!;
  return Math.min(1, total);
}

/** Offers a fully scored pair to the top-k heap (or records it as the best that missed). */
function offer(search: MenteeSearch, mentor: number, score: number): void {
  const { heapMentor, heapScore } = search;
  search.scoredPairs++;
  if (score < search.minScore) return;
  // Ties go to the smaller mentor index, as in a full sort.
  if (search.size < search.k) {
    heapScore[search.size] = score;
    heapMentor[search.size] = mentor;
    siftUp(heapScore, heapMentor, search.size++);
  } else if (isWeaker(heapScore[0]!, heapMentor[0]!, score, mentor)) {
    if (heapScore[0]! > search.prunedBound) search.prunedBound = heapScore[0]!;
    heapScore[0] = score;
    heapMentor[0] = mentor;
    siftDown(heapScore, heapMentor, search.size, 0);
  } else if (score > search.prunedBound) {
    search.prunedBound = score;
  }
}

/** Per-mentee lookup tables: track fit by kind, needs share by count, modes, classes. */
function tabulateMentee(tables: ScoringTables, mentee: number, search: MenteeSearch): void {
  const { trackFit, needShare, isRemote, isLocal } = search;
  const track = tables.menteeTrack[mentee]!;
  trackFit.fill(0);
  if (track >= 0) {
    for (let kind = 0; kind < MENTOR_KINDS.length; kind++)
      trackFit[kind + 1] = measureTrackFit(TRACKS[track]!, MENTOR_KINDS[kind]!);
  }
  for (let kinds = 0; kinds < search.bestTrackFit.length; kinds++) {
    let best = 0;
    for (let kind = 0; kind <= MENTOR_KINDS.length; kind++)
      if ((kinds & (1 << kind)) !== 0 && trackFit[kind]! > best) best = trackFit[kind]!;
    search.bestTrackFit[kinds] = best;
  }
  const needCount = tables.menteeNeedCount[mentee]!;
  needShare.fill(0);
  if (needCount > 0) for (let count = 0; count <= 32; count++) needShare[count] = count / needCount;
  // By the mentor's modes: both open to remote meetings (geography 1), or else both meeting
  // in person (geography from places), as in `compareGeography`.
  const modes = tables.menteeModes[mentee]!;
  for (let mentorModes = 0; mentorModes < 4; mentorModes++) {
    const remote = (modes & 1) !== 0 && (mentorModes & 1) !== 0;
    isRemote[mentorModes] = remote ? 1 : 0;
    isLocal[mentorModes] = !remote && (modes & 2) !== 0 && (mentorModes & 2) !== 0 ? 1 : 0;
  }
  tabulateOccupations(tables, mentee, search.occupationSimilarity);
  tabulateSectors(tables, mentee, search.sectorSimilarity);

  let grandDomaines = 0;
  for (
    let at = tables.menteeOccupationStart[mentee]!;
    at < tables.menteeOccupationStart[mentee + 1]!;
    at++
  ) {
    const id = tables.menteeOccupationGrandDomaine[at]!;
    if (id >= 0) grandDomaines |= 1 << (id & 31);
  }
  search.grandDomaineBits = grandDomaines;
  let sections = 0;
  for (
    let base = tables.menteeSectorStart[mentee]!;
    base < tables.menteeSectorStart[mentee + 1]!;
    base += 5
  ) {
    const id = tables.menteeSectorLevels[base + 4]!;
    if (id >= 0) sections |= 1 << (id & 31);
  }
  search.sectionBits = sections;
}

/** The mentee's place, read once per search (latitude NaN when unknown). */
export type MenteePlace = {
  latitude: number;
  longitude: number;
  hasCoordinates: boolean;
  commune: number;
  isArrondissement: boolean;
  parentCommune: number;
  epci: number;
  departement: number;
};

function readMenteePlace(tables: ScoringTables, mentee: number, place: MenteePlace): void {
  place.latitude = tables.menteeLatitude[mentee]!;
  place.longitude = tables.menteeLongitude[mentee]!;
  place.hasCoordinates = !Number.isNaN(place.latitude) && !Number.isNaN(place.longitude);
  place.commune = tables.menteeCommune[mentee]!;
  place.isArrondissement = tables.menteeIsArrondissement[mentee] === 1;
  place.parentCommune = tables.menteeParentCommune[mentee]!;
  place.epci = tables.menteeEpci[mentee]!;
  place.departement = tables.menteeDepartement[mentee]!;
}

/**
 * Similarity of two places for people who both meet in person, as `compareGeography`
 * measures it: distance when both have coordinates (exactly 0 beyond the range, which the
 * latitude gap alone often proves without trigonometry), else arrondissement 1 > commune
 * 0.8 > EPCI 0.6 > département 0.3. `packed[base …]` is row r's record.
 */
function measureNearby(
  tables: ScoringTables,
  place: MenteePlace,
  packed: Int32Array,
  base: number,
  r: number,
): number {
  if (place.hasCoordinates && (packed[base + PACKED.flags]! & 128) !== 0) {
    const mentorLatitude = tables.rowLatitude[r]!;
    if (Math.abs(mentorLatitude - place.latitude) * KM_PER_DEGREE_LOWER >= PROXIMITY_RANGE_KM + 1)
      return 0;
    return proximityOfDistance(
      measureHaversineKm(place.latitude, place.longitude, mentorLatitude, tables.rowLongitude[r]!),
    );
  }
  if (
    place.commune >= 0 &&
    place.commune === packed[base + PACKED.commune] &&
    place.isArrondissement
  )
    return 1;
  if (place.parentCommune >= 0 && place.parentCommune === packed[base + PACKED.parentCommune])
    return 0.8;
  if (place.epci >= 0 && place.epci === packed[base + PACKED.epci]) return 0.6;
  if (place.departement >= 0 && place.departement === packed[base + PACKED.departement]) return 0.3;
  return 0;
}

/** Writes the mentee's TF-IDF weights into the dense query. */
function scatterQuery(tables: ScoringTables, mentee: number, query: Float64Array): void {
  for (let at = tables.menteeTextStart[mentee]!; at < tables.menteeTextStart[mentee + 1]!; at++)
    query[tables.menteeTextTerm[at]!] = tables.menteeTextWeight[at]!;
}

/** Puts the dense query back to zeros. */
function clearQuery(tables: ScoringTables, mentee: number, query: Float64Array): void {
  for (let at = tables.menteeTextStart[mentee]!; at < tables.menteeTextStart[mentee + 1]!; at++)
    query[tables.menteeTextTerm[at]!] = 0;
}

/**
 * A bound of the mentee's cosine with any mentor: the sum of its weights times each term's
 * largest mentor weight. Also splits that sum by frequent term (`termReach`,
 * `queryLow`/`queryHigh`) and the rest (`rareReach`), for the per-row bounds
 * of `boundText`.
 */
function reachText(tables: ScoringTables, mentee: number, search: MenteeSearch): number {
  const { termReach, termQuery } = search;
  termReach.fill(0);
  termQuery.fill(0);
  let bound = 0;
  let rare = 0;
  let rareQuery = 0;
  let low = 0;
  let high = 0;
  for (let at = tables.menteeTextStart[mentee]!; at < tables.menteeTextStart[mentee + 1]!; at++) {
    const term = tables.menteeTextTerm[at]!;
    const weight = tables.menteeTextWeight[at]!;
    const reach = weight * tables.termMaxWeight[term]!;
    bound += reach;
    const bit = tables.termBit[term]!;
    if (bit < 0) {
      rare += reach;
      rareQuery += weight;
    } else {
      termReach[bit] = termReach[bit]! + reach;
      termQuery[bit] = termQuery[bit]! + weight;
      if (bit < 32) low |= 1 << bit;
      else high |= 1 << (bit - 32);
    }
  }
  search.rareReach = rare;
  search.rareQuery = rareQuery;
  search.queryLow = low;
  search.queryHigh = high;
  // Slack for rounding: the bound must never fall below a cosine summed in another order.
  return Math.min(1, bound * (1 + 1e-9) + 1e-12);
}

/**
 * Bound of the cosine of the mentee with a text holding at most the frequent terms `low`,
 * `high` (bits) and any rare term, no weight above `textMax`: per shared term, its weight
 * times the smaller of the term's largest weight in any row and `textMax`, summed with the
 * same for its rare terms, capped at 1, with slack for the order of additions.
 */
function boundText(search: MenteeSearch, low: number, high: number, textMax: number): number {
  const { termReach, termQuery } = search;
  let sum = Math.min(search.rareReach, search.rareQuery * textMax);
  for (let bits = low & search.queryLow; bits !== 0; bits &= bits - 1) {
    const bit = 31 - Math.clz32(bits & -bits);
    sum += Math.min(termReach[bit]!, termQuery[bit]! * textMax);
  }
  for (let bits = high & search.queryHigh; bits !== 0; bits &= bits - 1) {
    const bit = 63 - Math.clz32(bits & -bits);
    sum += Math.min(termReach[bit]!, termQuery[bit]! * textMax);
  }
  return Math.min(1, sum * (1 + 1e-9) + 1e-12);
}

function bucketOf(score: number): number {
  const bucket = Math.floor(score * BUCKETS);
  return bucket < 0 ? 0 : bucket > BUCKETS ? BUCKETS : bucket;
}

function readBestClass(
  start: Int32Array,
  classes: Int32Array,
  similarity: Float64Array,
  r: number,
): number {
  let best = 0;
  for (let at = start[r]!; at < start[r + 1]!; at++) {
    const value = similarity[classes[at]!]!;
    if (value > best) best = value;
  }
  return best;
}

/**
 * Similarity of the mentee's occupations to each mentor occupation class, as
 * `compareOccupations` measures it: same code 1 > same domaine 0.6 > same grand domaine 0.3.
 */
function tabulateOccupations(tables: ScoringTables, mentee: number, out: Float64Array): void {
  out.fill(0);
  const from = tables.menteeOccupationStart[mentee]!;
  const to = tables.menteeOccupationStart[mentee + 1]!;
  if (from === to) return;
  const { occupationClassCode, occupationClassDomaine, occupationClassGrandDomaine } = tables;
  for (let c = 1; c < out.length; c++) {
    let best = 0;
    for (let at = from; at < to; at++) {
      if (tables.menteeOccupationCode[at] === occupationClassCode[c]) {
        best = 1;
        break;
      }
      if (tables.menteeOccupationDomaine[at] === occupationClassDomaine[c]) best = 0.6;
      else if (
        best < 0.3 &&
        tables.menteeOccupationGrandDomaine[at] === occupationClassGrandDomaine[c]
      )
        best = 0.3;
    }
    out[c] = best;
  }
}

/** Similarity of the mentee's sectors to each mentor sector class (finest shared NAF level). */
function tabulateSectors(tables: ScoringTables, mentee: number, out: Float64Array): void {
  out.fill(0);
  const from = tables.menteeSectorStart[mentee]!;
  const to = tables.menteeSectorStart[mentee + 1]!;
  if (from === to) return;
  const levels = tables.sectorClassLevels;
  for (let c = 1; c < out.length; c++) {
    let best = 0;
    for (let base = from; base < to; base += 5) {
      for (let level = 0; level < 5 && SECTOR_LEVEL_SIMILARITY[level]! > best; level++) {
        const id = tables.menteeSectorLevels[base + level]!;
        if (id >= 0 && id === levels[5 * c + level]) {
          best = SECTOR_LEVEL_SIMILARITY[level]!;
          break;
        }
      }
    }
    out[c] = best;
  }
}

// The top-k list is a min-heap on (score, then larger mentor index first): its root is the weakest
// kept candidate. Module-level functions keep the scanning loops free of closures.
function isWeaker(scoreA: number, mentorA: number, scoreB: number, mentorB: number): boolean {
  return scoreA < scoreB || (scoreA === scoreB && mentorA > mentorB);
}

function siftUp(heapScore: Float64Array, heapMentor: Int32Array, start: number): void {
  let at = start;
  while (at > 0) {
    const parent = (at - 1) >> 1;
    if (!isWeaker(heapScore[at]!, heapMentor[at]!, heapScore[parent]!, heapMentor[parent]!)) return;
    swapEntries(heapScore, heapMentor, at, parent);
    at = parent;
  }
}

function siftDown(
  heapScore: Float64Array,
  heapMentor: Int32Array,
  size: number,
  start: number,
): void {
  let at = start;
  for (;;) {
    const left = 2 * at + 1;
    if (left >= size) return;
    let child = left;
    if (
      left + 1 < size &&
      isWeaker(heapScore[left + 1]!, heapMentor[left + 1]!, heapScore[left]!, heapMentor[left]!)
    ) {
      child = left + 1;
    }
    if (!isWeaker(heapScore[child]!, heapMentor[child]!, heapScore[at]!, heapMentor[at]!)) return;
    swapEntries(heapScore, heapMentor, at, child);
    at = child;
  }
}

function swapEntries(heapScore: Float64Array, heapMentor: Int32Array, a: number, b: number): void {
  const score = heapScore[a]!;
  heapScore[a] = heapScore[b]!;
  heapScore[b] = score;
  const row = heapMentor[a]!;
  heapMentor[a] = heapMentor[b]!;
  heapMentor[b] = row;
}
