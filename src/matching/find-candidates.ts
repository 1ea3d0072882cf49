import { MENTOR_KINDS, TRACKS } from '../domain/people.ts';
import { countBits } from './prepare-profiles.ts';
import type { ScoringTables } from './scoring-tables.ts';
import { isMenteeRestricted, isPairAllowedInTables, NEED_BITS } from './scoring-tables.ts';
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
  partial: Float64Array;
  occupationSimilarity: Float64Array;
  sectorSimilarity: Float64Array;
  query: Float64Array;
  histogram: Int32Array;
  trackFit: Float64Array;
  needShare: Float64Array;
  isRemote: Float64Array;
  isLocal: Float64Array;
  /** Bounds used by the first pass: weighted, indexed by packed profile, masks, counts. */
  profileBound: Float64Array;
  localBound: Float64Array;
  needsBound: Float64Array;
  slotBound: Float64Array;
  occupationBound: Float64Array;
  sectorBound: Float64Array;
  heapRow: Int32Array;
  heapScore: Float64Array;
};

/** Availability similarity by number of shared slots: full marks from two. */
const SLOT_SHARE = Float64Array.from({ length: 33 }, (_, count) => Math.min(1, count / 2));

const NEED_MASK = (1 << NEED_BITS) - 1;

/** Set bits of each 9-bit value (availability is read as two halves). */
const POP9 = Uint8Array.from({ length: 512 }, (_, value) => countBits(value));

/** Buckets of the histogram of structured scores (scores are in [0, 1]). */
const BUCKETS = 1024;

/** Allocates the buffers `findCandidates` needs for these tables and lists of up to `k`. */
export function createCandidateWorkspace(tables: ScoringTables, k: number): CandidateWorkspace {
  return {
    partial: new Float64Array(tables.rowCount),
    occupationSimilarity: new Float64Array(tables.occupationClassCode.length),
    sectorSimilarity: new Float64Array(tables.sectorClassLevels.length / 5),
    query: new Float64Array(tables.vocabularySize),
    histogram: new Int32Array(BUCKETS + 1),
    trackFit: new Float64Array(MENTOR_KINDS.length + 1),
    needShare: new Float64Array(33),
    isRemote: new Float64Array(4),
    isLocal: new Float64Array(4),
    profileBound: new Float64Array(32),
    localBound: new Float64Array(32),
    needsBound: new Float64Array(NEED_MASK + 1),
    slotBound: new Float64Array(33),
    occupationBound: new Float64Array(tables.occupationClassCode.length),
    sectorBound: new Float64Array(tables.sectorClassLevels.length / 5),
    heapRow: new Int32Array(k),
    heapScore: new Float64Array(k),
  };
}

/** Degrees to kilometres along a meridian, shaved so that it never overestimates. */
const KM_PER_DEGREE_LOWER = ((6371 * Math.PI) / 180) * (1 - 1e-9);

/**
 * The k best allowed mentors of a mentee, exactly as sorting every allowed pair by score
 * would give them (ties: smaller mentor index first).
 *
 * 1. One pass over the available mentors computes the seven structured criteria of every
 *    pair from typed arrays and per-mentee lookup tables (track by kind, needs by count,
 *    occupation and sector by class); the similarities and their weighted sum are those of
 *    `scorePair`, operation for operation, so the partial sum is exact. A histogram of these
 *    partial scores comes with it.
 * 2. The mentors whose partial score is in the top buckets (about k of them) are scored in
 *    full (text cosine included): the k-th best of these is a first threshold.
 * 3. A second pass scores in full only the mentors whose partial score plus the best text
 *    contribution this mentee could get (from per-term maximum weights) still reaches the
 *    current k-th best; every other mentor is left out with that bound recorded.
 *
 * The text cosine uses the mentee's vector scattered into a dense array, which adds the
 * same products in the same order as `measureCosine`, so full scores are bit-for-bit those
 * of `scorePair`. Each step is its own function: one function holding every loop was
 * optimised on the first loop's type feedback alone and deoptimised at every call.
 */
export function findCandidates(
  tables: ScoringTables,
  mentee: number,
  options: FindCandidatesOptions,
  workspace: CandidateWorkspace = createCandidateWorkspace(tables, options.k),
): CandidateList {
  const k = options.k;
  const minScore = options.minScore ?? -Infinity;
  if (workspace.heapRow.length < k) {
    workspace.heapRow = new Int32Array(k);
    workspace.heapScore = new Float64Array(k);
  }
  tabulateMentee(tables, mentee, workspace);
  boundStructuredCriteria(tables, mentee, workspace);
  // The slack covers the different order of additions of the bounding pass.
  const textReach = tables.weights[7]! * scatterQuery(tables, mentee, workspace.query) + 1e-9;
  const search: SearchState = {
    mentee,
    k,
    minScore,
    restricted: isMenteeRestricted(tables, mentee),
    size: 0,
    prunedBound: -Infinity,
    scoredPairs: 0,
  };
  const firstBucket = findTopBuckets(workspace.histogram, k);
  scoreTopBuckets(tables, workspace, search, firstBucket);
  const skippedBound = scoreTheRest(tables, workspace, search, firstBucket, textReach);
  const { query, heapRow, heapScore } = workspace;
  for (let at = tables.menteeTextStart[mentee]!; at < tables.menteeTextStart[mentee + 1]!; at++)
    query[tables.menteeTextTerm[at]!] = 0;

  const size = search.size;
  const ranked = Array.from({ length: size }, (_, at) => at).sort(
    (a, b) => heapScore[b]! - heapScore[a]! || heapRow[a]! - heapRow[b]!,
  );
  return {
    mentors: Int32Array.from(ranked, (at) => tables.rowMentor[heapRow[at]!]!),
    scores: Float64Array.from(ranked, (at) => heapScore[at]!),
    prunedBound: Math.max(search.prunedBound, skippedBound),
    scoredPairs: search.scoredPairs,
  };
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

  const weights = tables.weights;
  const { profileBound, localBound, needsBound, slotBound } = workspace;
  for (let profile = 0; profile < 32; profile++) {
    const mentorModes = profile >> 3;
    profileBound[profile] =
      weights[0]! * trackFit[profile & 7]! + weights[4]! * isRemote[mentorModes]! + weights[6]!;
    localBound[profile] = weights[4]! * isLocal[mentorModes]!;
  }
  const needs = tables.menteeNeeds[mentee]!;
  for (let mask = 0; mask <= NEED_MASK; mask++)
    needsBound[mask] = weights[3]! * needShare[countBits(mask & needs)]!;
  for (let count = 0; count < slotBound.length; count++)
    slotBound[count] = weights[5]! * SLOT_SHARE[count]!;
  scale(workspace.occupationSimilarity, weights[1]!, workspace.occupationBound);
  scale(workspace.sectorSimilarity, weights[2]!, workspace.sectorBound);
}

function scale(values: Float64Array, factor: number, out: Float64Array): void {
  for (let at = 0; at < values.length; at++) out[at] = factor * values[at]!;
}

/**
 * Pass 1: an upper bound of the structured part of every row's score, and the histogram of
 * these bounds. It reads two packed words per row plus the codes, and assumes a shared
 * language (nearly everyone speaks French); full scores are computed exactly later.
 * Branch-free where the data is random (modes, slots): mispredicted branches, not
 * arithmetic, cost most in this loop.
 */
function boundStructuredCriteria(
  tables: ScoringTables,
  mentee: number,
  workspace: CandidateWorkspace,
): void {
  const { partial, histogram, profileBound, localBound, needsBound, slotBound } = workspace;
  const { occupationBound, sectorBound } = workspace;
  const commune = tables.menteeCommune[mentee]!;
  const parentCommune = tables.menteeParentCommune[mentee]!;
  const epci = tables.menteeEpci[mentee]!;
  const departement = tables.menteeDepartement[mentee]!;
  const hasCoordinates =
    !Number.isNaN(tables.menteeLatitude[mentee]!) && !Number.isNaN(tables.menteeLongitude[mentee]!);
  const menteeMasks =
    tables.menteeNeeds[mentee]! | (tables.menteeAvailability[mentee]! << NEED_BITS);
  const {
    rowCount,
    rowProfile,
    rowMasks,
    rowOccupationA,
    rowOccupationB,
    rowSectorA,
    rowCommune,
    rowParentCommune,
    rowEpci,
    rowDepartement,
  } = tables;
  histogram.fill(0);
  for (let r = 0; r < rowCount; r++) {
    const profile = rowProfile[r]!;
    const masks = menteeMasks & rowMasks[r]!;
    const slots = masks >>> NEED_BITS;
    let codes =
      Math.max(occupationBound[rowOccupationA[r]!]!, occupationBound[rowOccupationB[r]!]!) +
      sectorBound[rowSectorA[r]!]!;
    if (profile >= 32) codes = boundManyCodes(tables, workspace, r);
    // Places are compared in full only when one of them matches (rare) or with coordinates.
    const nearby =
      hasCoordinates ||
      commune === rowCommune[r] ||
      departement === rowDepartement[r] ||
      epci === rowEpci[r] ||
      parentCommune === rowParentCommune[r]
        ? measureNearby(tables, mentee, r)
        : 0;
    const bound =
      profileBound[profile & 31]! +
      needsBound[masks & NEED_MASK]! +
      slotBound[POP9[slots & 511]! + POP9[slots >>> 9]!]! +
      codes +
      localBound[profile & 31]! * nearby;
    partial[r] = bound;
    histogram[bucketOf(bound)]!++;
  }
}

/** Occupation and sector bounds of a row with more codes than the packed slots hold. */
function boundManyCodes(tables: ScoringTables, workspace: CandidateWorkspace, r: number): number {
  return (
    readBestClass(
      tables.rowOccupationStart,
      tables.rowOccupationClass,
      workspace.occupationBound,
      r,
    ) + readBestClass(tables.rowSectorStart, tables.rowSectorClass, workspace.sectorBound, r)
  );
}

/**
 * The exact weighted sum of the seven structured criteria of a pair (all but text), with
 * the similarities of `measureStructuredCriteria` added in the order of `sumContributions`.
 */
function measureExactPartial(
  tables: ScoringTables,
  workspace: CandidateWorkspace,
  mentee: number,
  r: number,
): number {
  const { trackFit, needShare, isRemote, isLocal } = workspace;
  const { occupationSimilarity, sectorSimilarity } = workspace;
  const weights = tables.weights;
  const w0 = weights[0]!;
  const w1 = weights[1]!;
  const w2 = weights[2]!;
  const w3 = weights[3]!;
  const w4 = weights[4]!;
  const w5 = weights[5]!;
  const w6 = weights[6]!;
  const needs = tables.menteeNeeds[mentee]!;
  const availability = tables.menteeAvailability[mentee]!;
  const languages = tables.menteeLanguages[mentee]!;
  const {
    rowKind,
    rowExpertise,
    rowAvailability,
    rowLanguages,
    rowModes,
    rowOccupationA,
    rowOccupationB,
    rowSectorA,
    rowSectorB,
    rowHasMoreCodes,
  } = tables;
  let occupation = Math.max(
    occupationSimilarity[rowOccupationA[r]!]!,
    occupationSimilarity[rowOccupationB[r]!]!,
  );
  let sector = Math.max(sectorSimilarity[rowSectorA[r]!]!, sectorSimilarity[rowSectorB[r]!]!);
  if (rowHasMoreCodes[r] === 1) {
    occupation = readBestClass(
      tables.rowOccupationStart,
      tables.rowOccupationClass,
      occupationSimilarity,
      r,
    );
    sector = readBestClass(tables.rowSectorStart, tables.rowSectorClass, sectorSimilarity, r);
  }
  const mentorModes = rowModes[r]!;
  const nearby = isLocal[mentorModes] === 1 ? measureNearby(tables, mentee, r) : 0;
  // Exactly 1 for two remote-friendly people, `nearby` when both meet in person, else 0.
  const geography = isRemote[mentorModes]! + isLocal[mentorModes]! * nearby;
  const sharedLanguages = languages & rowLanguages[r]!;
  // Same additions in the same order as `sumContributions`.
  let score = w0 * trackFit[rowKind[r]! + 1]!;
  score += w1 * occupation;
  score += w2 * sector;
  score += w3 * needShare[countBits(needs & rowExpertise[r]!)]!;
  score += w4 * geography;
  score += w5 * SLOT_SHARE[countBits(availability & rowAvailability[r]!)]!;
  score += w6 * ((sharedLanguages | -sharedLanguages) >>> 31);
  return score;
}

/**
 * Similarity of two places for people who both meet in person, as `compareGeography`
 * measures it: distance when both have coordinates (exactly 0 beyond the range, which the
 * latitude gap alone often proves without trigonometry), else arrondissement 1 > commune
 * 0.8 > EPCI 0.6 > département 0.3.
 */
function measureNearby(tables: ScoringTables, mentee: number, r: number): number {
  const latitude = tables.menteeLatitude[mentee]!;
  const longitude = tables.menteeLongitude[mentee]!;
  const mentorLatitude = tables.rowLatitude[r]!;
  const mentorLongitude = tables.rowLongitude[r]!;
  if (
    !Number.isNaN(latitude) &&
    !Number.isNaN(longitude) &&
    !Number.isNaN(mentorLatitude) &&
    !Number.isNaN(mentorLongitude)
  ) {
    if (Math.abs(mentorLatitude - latitude) * KM_PER_DEGREE_LOWER >= PROXIMITY_RANGE_KM + 1)
      return 0;
    return proximityOfDistance(
      measureHaversineKm(latitude, longitude, mentorLatitude, mentorLongitude),
    );
  }
  const commune = tables.menteeCommune[mentee]!;
  const parentCommune = tables.menteeParentCommune[mentee]!;
  const epci = tables.menteeEpci[mentee]!;
  const departement = tables.menteeDepartement[mentee]!;
  if (
    commune >= 0 &&
    commune === tables.rowCommune[r] &&
    tables.menteeIsArrondissement[mentee] === 1
  )
    return 1;
  if (parentCommune >= 0 && parentCommune === tables.rowParentCommune[r]) return 0.8;
  if (epci >= 0 && epci === tables.rowEpci[r]) return 0.6;
  if (departement >= 0 && departement === tables.rowDepartement[r]) return 0.3;
  return 0;
}

/**
 * Writes the mentee's TF-IDF weights into the dense query and returns a bound of its cosine
 * with any mentor: the sum of its weights times each term's largest mentor weight.
 */
function scatterQuery(tables: ScoringTables, mentee: number, query: Float64Array): number {
  let bound = 0;
  for (let at = tables.menteeTextStart[mentee]!; at < tables.menteeTextStart[mentee + 1]!; at++) {
    const term = tables.menteeTextTerm[at]!;
    const weight = tables.menteeTextWeight[at]!;
    query[term] = weight;
    bound += weight * tables.termMaxWeight[term]!;
  }
  // Slack for rounding: the bound must never fall below a cosine summed in another order.
  return Math.min(1, bound * (1 + 1e-9) + 1e-12);
}

/** The lowest bucket such that the buckets from it up hold at least k partial scores. */
function findTopBuckets(histogram: Int32Array, k: number): number {
  let bucket = BUCKETS + 1;
  for (let count = 0; bucket > 0 && count < k;) count += histogram[--bucket]!;
  return bucket;
}

/** Pass 2: full scores of the best partial scores, to set the threshold early. */
function scoreTopBuckets(
  tables: ScoringTables,
  workspace: CandidateWorkspace,
  search: SearchState,
  firstBucket: number,
): void {
  const { partial } = workspace;
  for (let r = 0; r < tables.rowCount; r++)
    if (bucketOf(partial[r]!) >= firstBucket) scoreInFull(tables, workspace, search, r);
}

/**
 * Pass 3: full scores of the other rows whose bound (partial score plus the best text
 * contribution) still reaches the k-th best; returns the best bound of the rows left out.
 */
function scoreTheRest(
  tables: ScoringTables,
  workspace: CandidateWorkspace,
  search: SearchState,
  firstBucket: number,
  textReach: number,
): number {
  const { partial, heapScore } = workspace;
  const { rowNeedsPairCheck } = tables;
  let skippedBound = -Infinity;
  for (let r = 0; r < tables.rowCount; r++) {
    const value = partial[r]!;
    if (bucketOf(value) >= firstBucket) continue;
    const bound = value + textReach;
    if (bound < search.minScore) continue;
    if (search.size === search.k && bound < heapScore[0]!) {
      // Only allowed pairs count: a mentee with no allowed mentor left out gets -Infinity.
      if (
        bound > skippedBound &&
        (!(search.restricted || rowNeedsPairCheck[r] === 1) ||
          isPairAllowedInTables(tables, search.mentee, r))
      )
        skippedBound = bound;
      continue;
    }
    scoreInFull(tables, workspace, search, r);
  }
  return skippedBound;
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
  prunedBound: number;
  scoredPairs: number;
};

/** Adds the text cosine to row `r`'s partial score and offers the pair to the top-k heap. */
function scoreInFull(
  tables: ScoringTables,
  workspace: CandidateWorkspace,
  search: SearchState,
  r: number,
): void {
  if (
    (search.restricted || tables.rowNeedsPairCheck[r] === 1) &&
    !isPairAllowedInTables(tables, search.mentee, r)
  )
    return;
  const { query, heapRow, heapScore } = workspace;
  let total = 0;
  const end = tables.rowTextStart[r + 1]!;
  for (let at = tables.rowTextStart[r]!; at < end; at++)
    total += query[tables.rowTextTerm[at]!]! * tables.rowTextWeight[at]!;
  const score =
    measureExactPartial(tables, workspace, search.mentee, r) +
    tables.weights[7]! * Math.min(1, total);
  search.scoredPairs++;
  if (score < search.minScore) return;
  // Rows are in mentor order, so comparing rows breaks ties like comparing mentor indices.
  if (search.size < search.k) {
    heapScore[search.size] = score;
    heapRow[search.size] = r;
    siftUp(heapScore, heapRow, search.size++);
  } else if (isWeaker(heapScore[0]!, heapRow[0]!, score, r)) {
    if (heapScore[0]! > search.prunedBound) search.prunedBound = heapScore[0]!;
    heapScore[0] = score;
    heapRow[0] = r;
    siftDown(heapScore, heapRow, search.size, 0);
  } else if (score > search.prunedBound) {
    search.prunedBound = score;
  }
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

// The top-k list is a min-heap on (score, then larger row first): its root is the weakest
// kept candidate. Module-level functions keep the scanning loops free of closures.
function isWeaker(scoreA: number, rowA: number, scoreB: number, rowB: number): boolean {
  return scoreA < scoreB || (scoreA === scoreB && rowA > rowB);
}

function siftUp(heapScore: Float64Array, heapRow: Int32Array, start: number): void {
  let at = start;
  while (at > 0) {
    const parent = (at - 1) >> 1;
    if (!isWeaker(heapScore[at]!, heapRow[at]!, heapScore[parent]!, heapRow[parent]!)) return;
    swapEntries(heapScore, heapRow, at, parent);
    at = parent;
  }
}

function siftDown(heapScore: Float64Array, heapRow: Int32Array, size: number, start: number): void {
  let at = start;
  for (;;) {
    const left = 2 * at + 1;
    if (left >= size) return;
    let child = left;
    if (
      left + 1 < size &&
      isWeaker(heapScore[left + 1]!, heapRow[left + 1]!, heapScore[left]!, heapRow[left]!)
    ) {
      child = left + 1;
    }
    if (!isWeaker(heapScore[child]!, heapRow[child]!, heapScore[at]!, heapRow[at]!)) return;
    swapEntries(heapScore, heapRow, at, child);
    at = child;
  }
}

function swapEntries(heapScore: Float64Array, heapRow: Int32Array, a: number, b: number): void {
  const score = heapScore[a]!;
  heapScore[a] = heapScore[b]!;
  heapScore[b] = score;
  const row = heapRow[a]!;
  heapRow[a] = heapRow[b]!;
  heapRow[b] = row;
}
