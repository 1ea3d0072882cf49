import { MENTOR_KINDS, TRACKS } from '../domain/people.ts';
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
 * Reusable buffers of one thread: one search allocates nothing but its result. Not safe to
 * share between concurrent searches (there are none: workers each have their own).
 */
export type CandidateWorkspace = {
  occupationSimilarity: Float64Array;
  sectorSimilarity: Float64Array;
  query: Float64Array;
  histogram: Int32Array;
  /** Groups by decreasing bound bucket, for the current mentee. */
  groupOrder: Int32Array;
  trackFit: Float64Array;
  needShare: Float64Array;
  isRemote: Float64Array;
  isLocal: Float64Array;
  /** Bound of each row group for the current mentee. */
  groupBound: Float64Array;
  /** The mentee's grand domaines and NAF sections as bits `id & 31`. */
  menteeGrandDomaineBits: number;
  menteeSectionBits: number;
  /** `visited[r] === epoch`: row r was already looked at for the current search. */
  visited: Int32Array;
  epoch: number;
  place: MenteePlace;
  /**
   * Text bound of the current mentee: per frequent-term bit, its weight times the term's
   * largest mentor weight; the same summed over its other terms; its bits, two words.
   */
  termReach: Float64Array;
  rareReach: number;
  queryLow: number;
  queryHigh: number;
  heapMentor: Int32Array;
  heapScore: Float64Array;
};

/** Availability similarity by number of shared slots: full marks from two. */
const SLOT_SHARE = Float64Array.from({ length: 33 }, (_, count) => Math.min(1, count / 2));

const NEED_MASK = (1 << NEED_BITS) - 1;

/** Buckets of the histogram of structured scores (scores are in [0, 1]). */
const BUCKETS = 1024;

/** Allocates the buffers `findCandidates` needs for these tables and lists of up to `k`. */
export function createCandidateWorkspace(tables: ScoringTables, k: number): CandidateWorkspace {
  return {
    occupationSimilarity: new Float64Array(tables.occupationClassCode.length),
    sectorSimilarity: new Float64Array(tables.sectorClassLevels.length / 5),
    query: new Float64Array(tables.vocabularySize),
    histogram: new Int32Array(BUCKETS + 2),
    groupOrder: new Int32Array(tables.groupCount),
    trackFit: new Float64Array(MENTOR_KINDS.length + 1),
    needShare: new Float64Array(33),
    isRemote: new Float64Array(4),
    isLocal: new Float64Array(4),
    groupBound: new Float64Array(tables.groupCount),
    menteeGrandDomaineBits: 0,
    menteeSectionBits: 0,
    visited: new Int32Array(tables.rowCount),
    epoch: 0,
    termReach: new Float64Array(64),
    rareReach: 0,
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
    heapMentor: new Int32Array(k),
    heapScore: new Float64Array(k),
  };
}

/** Degrees to kilometres along a meridian, shaved so that it never overestimates. */
const KM_PER_DEGREE_LOWER = ((6371 * Math.PI) / 180) * (1 - 1e-9);

/**
 * The k best allowed mentors of a mentee, exactly as sorting every allowed pair by score
 * would give them (ties: smaller mentor index first).
 *
 * 1. The rows that share an occupation domaine, a NAF division or a place with the mentee
 *    (inverted lists of the tables, a few per cent of the rows) are scored first: they hold
 *    most of the list and set a k-th best score early.
 * 2. Every other row can get at most a grand domaine, a NAF section and, without
 *    coordinates, nothing for places. Rows are grouped by exact expertise mask, kind and
 *    remote openness, so one bound per group — exact for those, unions for slots and
 *    languages, bits for grand domaines and sections, the mentee's best text contribution —
 *    tells whether any of its rows can still reach the k-th best. Groups are visited best
 *    bound first (by histogram buckets) and most are skipped whole.
 * 3. In a visited group each row gets its exact structured part; the text cosine is added
 *    only when that part plus the best text contribution still reaches the k-th best.
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
  const k = options.k;
  const minScore = options.minScore ?? -Infinity;
  if (workspace.heapMentor.length < k) {
    workspace.heapMentor = new Int32Array(k);
    workspace.heapScore = new Float64Array(k);
  }
  if (++workspace.epoch === 0x7fffffff) {
    workspace.visited.fill(0);
    workspace.epoch = 1;
  }
  tabulateMentee(tables, mentee, workspace);
  readMenteePlace(tables, mentee, workspace.place);
  // The slack covers the different order of additions of the bounds.
  const textReach = tables.weights[7]! * scatterQuery(tables, mentee, workspace) + 1e-9;
  const search: SearchState = {
    mentee,
    k,
    minScore,
    restricted: isMenteeRestricted(tables, mentee),
    size: 0,
    prunedBound: -Infinity,
    skippedBound: -Infinity,
    scoredPairs: 0,
    textReach,
  };
  visitSharedKeys(tables, workspace, search);
  boundGroups(tables, mentee, workspace, textReach);
  orderGroups(tables, workspace);
  visitGroups(tables, workspace, search);
  const { query, heapMentor, heapScore } = workspace;
  for (let at = tables.menteeTextStart[mentee]!; at < tables.menteeTextStart[mentee + 1]!; at++)
    query[tables.menteeTextTerm[at]!] = 0;

  const size = search.size;
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

/** Step 1: the rows listed under the mentee's domaines, NAF divisions and places. */
function visitSharedKeys(
  tables: ScoringTables,
  workspace: CandidateWorkspace,
  search: SearchState,
): void {
  const mentee = search.mentee;
  for (
    let at = tables.menteeOccupationStart[mentee]!;
    at < tables.menteeOccupationStart[mentee + 1]!;
    at++
  )
    visitKey(tables, workspace, search, tables.menteeOccupationDomaine[at]!);
  for (
    let base = tables.menteeSectorStart[mentee]!;
    base < tables.menteeSectorStart[mentee + 1]!;
    base += 5
  )
    visitKey(tables, workspace, search, tables.menteeSectorLevels[base + 3]!);
  // Places count only for people who both meet in person.
  if ((tables.menteeModes[mentee]! & 2) === 0) return;
  visitKey(tables, workspace, search, tables.menteeDepartement[mentee]!);
  visitKey(tables, workspace, search, tables.menteeEpci[mentee]!);
  visitKey(tables, workspace, search, tables.menteeParentCommune[mentee]!);
  visitKey(tables, workspace, search, tables.menteeCommune[mentee]!);
}

function visitKey(
  tables: ScoringTables,
  workspace: CandidateWorkspace,
  search: SearchState,
  key: number,
): void {
  if (key < 0 || key + 1 >= tables.keyStart.length) return;
  scanRows(
    tables,
    workspace,
    search,
    tables.keyRows,
    tables.keyStart[key]!,
    tables.keyStart[key + 1]!,
  );
}

/**
 * Bound of every group's rows not listed under the mentee's keys, and a histogram of the
 * bounds (to visit the best groups first).
 */
function boundGroups(
  tables: ScoringTables,
  mentee: number,
  workspace: CandidateWorkspace,
  textReach: number,
): void {
  const { groupBound, histogram, trackFit, needShare } = workspace;
  const weights = tables.weights;
  const w0 = weights[0]!;
  const w3 = weights[3]!;
  const w4 = weights[4]!;
  const w5 = weights[5]!;
  const w6 = weights[6]!;
  const needs = tables.menteeNeeds[mentee]!;
  const availability = tables.menteeAvailability[mentee]!;
  const languages = tables.menteeLanguages[mentee]!;
  const modes = tables.menteeModes[mentee]!;
  const remote = modes & 1;
  const hasCoordinates =
    (modes & 2) !== 0 &&
    !Number.isNaN(tables.menteeLatitude[mentee]!) &&
    !Number.isNaN(tables.menteeLongitude[mentee]!);
  // Without a shared domaine an occupation is worth at most a grand domaine (0.3), without
  // a shared division a sector at most its section (0.2).
  const occupationReach = weights[1]! * 0.3;
  const sectorReach = weights[2]! * 0.2;
  const grandDomaines = workspace.menteeGrandDomaineBits;
  const sections = workspace.menteeSectionBits;
  const {
    groupCount,
    groupKind,
    groupExpertise,
    groupRemote,
    groupAvailability,
    groupLanguages,
    groupInPerson,
    groupHasCoordinates,
    groupGrandDomaineBits,
    groupSectionBits,
  } = tables;
  histogram.fill(0);
  for (let g = 0; g < groupCount; g++) {
    const sharedLanguages = languages & groupLanguages[g]!;
    const isRemote = remote & groupRemote[g]!;
    // Rows with coordinates may be near without sharing a place id.
    const mayBeNear = hasCoordinates && groupInPerson[g]! !== 0 && groupHasCoordinates[g] === 1;
    let bound =
      w0 * trackFit[groupKind[g]!]! +
      w3 * needShare[countBits(needs & groupExpertise[g]!)]! +
      w5 * SLOT_SHARE[countBits(availability & groupAvailability[g]!)]! +
      w6 * ((sharedLanguages | -sharedLanguages) >>> 31) +
      textReach;
    if (isRemote === 1 || mayBeNear) bound += w4;
    if ((grandDomaines & groupGrandDomaineBits[g]!) !== 0) bound += occupationReach;
    if ((sections & groupSectionBits[g]!) !== 0) bound += sectorReach;
    groupBound[g] = bound;
    histogram[bucketOf(bound)]!++;
  }
}

/**
 * Steps 2 and 3, best bound first: skips a group whose bound cannot reach the k-th best,
 * else looks at each row not visited yet.
 */
function visitGroups(
  tables: ScoringTables,
  workspace: CandidateWorkspace,
  search: SearchState,
): void {
  const { groupBound, groupOrder, heapScore } = workspace;
  const { groupCount, groupStart, groupTerms } = tables;
  const weights7 = tables.weights[7]!;
  for (let at = 0; at < groupCount; at++) {
    const g = groupOrder[at]!;
    const bound = groupBound[g]!;
    if (bound < search.minScore) continue;
    if (search.size === search.k) {
      let refined = bound;
      if (bound >= heapScore[0]!) {
        // The group's frequent terms may bound its text contribution more tightly.
        const text = boundText(workspace, groupTerms[2 * g]!, groupTerms[2 * g + 1]!);
        refined = bound - search.textReach + weights7 * text + 2e-9;
      }
      if (refined < heapScore[0]!) {
        if (
          refined >= search.minScore &&
          refined > search.skippedBound &&
          hasAllowedUnvisitedRow(tables, workspace, search, g)
        )
          search.skippedBound = refined;
        continue;
      }
    }
    scanRows(tables, workspace, search, null, groupStart[g]!, groupStart[g + 1]!);
  }
}

/** Whether group g still holds a row, allowed with this mentee, that was not visited. */
function hasAllowedUnvisitedRow(
  tables: ScoringTables,
  workspace: CandidateWorkspace,
  search: SearchState,
  g: number,
): boolean {
  for (let r = tables.groupStart[g]!; r < tables.groupStart[g + 1]!; r++) {
    if (workspace.visited[r] === workspace.epoch) continue;
    if (
      !(search.restricted || tables.rowNeedsPairCheck[r] === 1) ||
      isPairAllowedInTables(tables, search.mentee, r)
    )
      return true;
  }
  return false;
}

/**
 * Looks at the rows `list[from]` … `list[to - 1]` (rows `from` … `to - 1` without a list)
 * not visited yet in this search: the exact
 * structured part of each (the similarities of `measureStructuredCriteria`, added in the
 * order of `sumContributions`), then the text cosine only if the two together may still
 * reach the k-th best. Each pair is offered to the list or left out with its bound. Every
 * table is read into a local first: property loads on the large tables object, repeated
 * for every row, cost more than the arithmetic.
 */
function scanRows(
  tables: ScoringTables,
  workspace: CandidateWorkspace,
  search: SearchState,
  list: Int32Array | null,
  from: number,
  to: number,
): void {
  const { visited, epoch, query, heapScore, trackFit, needShare, isRemote, isLocal } = workspace;
  const { occupationSimilarity, sectorSimilarity } = workspace;
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
  const place = workspace.place;
  const { rowPacked, rowTextTerm, rowTextWeight } = tables;
  const { restricted, textReach, minScore, k } = search;
  for (let at = from; at < to; at++) {
    const r = list === null ? at : list[at]!;
    if (visited[r] === epoch) continue;
    visited[r] = epoch;
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
    // A row reached through a group shares no place id with the mentee (those rows were
    // all listed under its keys): only coordinates can bring it near.
    const nearby =
      isLocal[mentorModes] === 1 && (list !== null || (place.hasCoordinates && (flags & 128) !== 0))
        ? measureNearby(tables, mentee, place, rowPacked, r)
        : 0;
    // Exactly 1 for two remote-friendly people, `nearby` when both meet in person, else 0.
    const geography = isRemote[mentorModes]! + isLocal[mentorModes]! * nearby;
    const masks = rowPacked[base + PACKED.masks]!;
    const sharedLanguages = languages & rowPacked[base + PACKED.languages]!;
    // Same additions in the same order as `sumContributions`.
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
            workspace,
            rowPacked[base + PACKED.termsLow]!,
            rowPacked[base + PACKED.termsHigh]!,
          ) +
        1e-9;
    }
    if (search.size === k && bound < heapScore[0]!) {
      if (bound >= minScore && bound > search.skippedBound) search.skippedBound = bound;
      continue;
    }
    let total = 0;
    const end = rowPacked[base + PACKED.textEnd]!;
    for (let term = rowPacked[base + PACKED.textStart]!; term < end; term++)
      total += query[rowTextTerm[term]!]! * rowTextWeight[term]!;
    offer(workspace, search, rowPacked[base + PACKED.mentor]!, partial + w7 * Math.min(1, total));
  }
}

/** Offers a fully scored pair to the top-k heap (or records it as the best that missed). */
function offer(
  workspace: CandidateWorkspace,
  search: SearchState,
  mentor: number,
  score: number,
): void {
  const { heapMentor, heapScore } = workspace;
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
function tabulateMentee(
  tables: ScoringTables,
  mentee: number,
  workspace: CandidateWorkspace,
): void {
  const { trackFit, needShare, isRemote, isLocal } = workspace;
  const track = tables.menteeTrack[mentee]!;
  trackFit.fill(0);
  if (track >= 0) {
    for (let kind = 0; kind < MENTOR_KINDS.length; kind++)
      trackFit[kind + 1] = measureTrackFit(TRACKS[track]!, MENTOR_KINDS[kind]!);
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
  tabulateOccupations(tables, mentee, workspace.occupationSimilarity);
  tabulateSectors(tables, mentee, workspace.sectorSimilarity);

  let grandDomaines = 0;
  for (
    let at = tables.menteeOccupationStart[mentee]!;
    at < tables.menteeOccupationStart[mentee + 1]!;
    at++
  ) {
    const id = tables.menteeOccupationGrandDomaine[at]!;
    if (id >= 0) grandDomaines |= 1 << (id & 31);
  }
  workspace.menteeGrandDomaineBits = grandDomaines;
  let sections = 0;
  for (
    let base = tables.menteeSectorStart[mentee]!;
    base < tables.menteeSectorStart[mentee + 1]!;
    base += 5
  ) {
    const id = tables.menteeSectorLevels[base + 4]!;
    if (id >= 0) sections |= 1 << (id & 31);
  }
  workspace.menteeSectionBits = sections;
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
 * 0.8 > EPCI 0.6 > département 0.3.
 */
function measureNearby(
  tables: ScoringTables,
  mentee: number,
  place: MenteePlace,
  packed: Int32Array,
  r: number,
): number {
  const base = r * ROW_STRIDE;
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

/**
 * Writes the mentee's TF-IDF weights into the dense query and returns a bound of its cosine
 * with any mentor: the sum of its weights times each term's largest mentor weight. Also
 * splits that sum by frequent term (`termReach`, `queryLow`/`queryHigh`) and the rest
 * (`rareReach`), for the per-row and per-group bounds of `boundText`.
 */
function scatterQuery(
  tables: ScoringTables,
  mentee: number,
  workspace: CandidateWorkspace,
): number {
  const { query, termReach } = workspace;
  termReach.fill(0);
  let bound = 0;
  let rare = 0;
  let low = 0;
  let high = 0;
  for (let at = tables.menteeTextStart[mentee]!; at < tables.menteeTextStart[mentee + 1]!; at++) {
    const term = tables.menteeTextTerm[at]!;
    const weight = tables.menteeTextWeight[at]!;
    query[term] = weight;
    const reach = weight * tables.termMaxWeight[term]!;
    bound += reach;
    const bit = tables.termBit[term]!;
    if (bit < 0) rare += reach;
    else {
      termReach[bit] = termReach[bit]! + reach;
      if (bit < 32) low |= 1 << bit;
      else high |= 1 << (bit - 32);
    }
  }
  workspace.rareReach = rare;
  workspace.queryLow = low;
  workspace.queryHigh = high;
  // Slack for rounding: the bound must never fall below a cosine summed in another order.
  return Math.min(1, bound * (1 + 1e-9) + 1e-12);
}

/**
 * Bound of the cosine of the mentee with a text holding at most the frequent terms `low`,
 * `high` (bits) and any rare term: the mentee's reach over the shared bits and its rare
 * terms, capped at 1, with slack for the order of additions.
 */
function boundText(workspace: CandidateWorkspace, low: number, high: number): number {
  const termReach = workspace.termReach;
  let sum = workspace.rareReach;
  for (let bits = low & workspace.queryLow; bits !== 0; bits &= bits - 1)
    sum += termReach[31 - Math.clz32(bits & -bits)]!;
  for (let bits = high & workspace.queryHigh; bits !== 0; bits &= bits - 1)
    sum += termReach[63 - Math.clz32(bits & -bits)]!;
  return Math.min(1, sum * (1 + 1e-9) + 1e-12);
}

/** Orders the groups by bucket of their bound, highest first (within a bucket, by index). */
function orderGroups(tables: ScoringTables, workspace: CandidateWorkspace): void {
  const { histogram, groupBound, groupOrder } = workspace;
  // Counting sort by bucket, highest first: histogram[b] becomes where bucket b starts.
  let next = 0;
  for (let bucket = BUCKETS; bucket >= 0; bucket--) {
    const count = histogram[bucket]!;
    histogram[bucket] = next;
    next += count;
  }
  for (let g = 0; g < tables.groupCount; g++)
    groupOrder[histogram[bucketOf(groupBound[g]!)]!++] = g;
}

function bucketOf(score: number): number {
  const bucket = Math.floor(score * BUCKETS);
  return bucket < 0 ? 0 : bucket > BUCKETS ? BUCKETS : bucket;
}

type SearchState = {
  mentee: number;
  k: number;
  minScore: number;
  restricted: boolean;
  size: number;
  /** Best full score that missed the list, and best bound of a row left out unscored. */
  prunedBound: number;
  skippedBound: number;
  scoredPairs: number;
  /** Best text contribution this mentee can get from any mentor. */
  textReach: number;
};

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
