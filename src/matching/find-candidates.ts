import type { MentorKind } from '../domain/people.ts';
import type { ExcludedPairs } from './hard-constraints.ts';
import type { MentorTable } from './mentor-table.ts';
import { listTrackFits, measureStructuredFromTable, tabulateMentors } from './mentor-table.ts';
import { checkMentorAvailable, checkPairAllowed } from './hard-constraints.ts';
import type { PreparedMentee, PreparedMentor } from './prepare-profiles.ts';
import { countBits } from './prepare-profiles.ts';
import type { ScoringContext } from './score-pair.ts';
import { measureCosine } from './french-text.ts';
import {
  CRITERIA,
  measureDistanceKm,
  measureTrackFit,
  TEXT_CRITERION,
  PROXIMITY_RANGE_KM,
  sumContributions,
} from './score-pair.ts';

/**
 * Mentors who look alike for bounding purposes: same kind, département and meeting modes.
 * Unions of their features give, for any mentee, an upper bound on the score of every member,
 * so whole groups are skipped once the current top-k beats their bound.
 */
export type MentorGroup = {
  members: Int32Array;
  kind?: MentorKind;
  departement?: string;
  acceptsRemote: boolean;
  acceptsInPerson: boolean;
  expertiseMask: number;
  availabilityMask: number;
  occupationIds: Set<number>;
  sectorLevelIds: Set<number>;
  languageMask: number;
  epciIds: Set<number>;
  departementId: number;
  /** Bounding box of members with coordinates, and whether some member has none. */
  box?: { south: number; north: number; west: number; east: number };
  hasMembersWithoutCoordinates: boolean;
};

/** Mentor groups and the flat table of mentor features, prepared once per run. */
export type MentorCatalog = { groups: MentorGroup[]; table: MentorTable };

/** Prepares the catalogue used by `findCandidates`. */
export function catalogMentors(mentors: readonly PreparedMentor[]): MentorCatalog {
  return { groups: groupMentors(mentors), table: tabulateMentors(mentors) };
}

/** Groups the available mentors (not paused, with room) once per run. */
export function groupMentors(mentors: readonly PreparedMentor[]): MentorGroup[] {
  const byKey = new Map<string, { group: MentorGroup; members: number[] }>();
  for (const mentor of mentors) {
    if (checkMentorAvailable(mentor)) continue;
    const key = `${mentor.kind}|${mentor.place.departement}|${mentor.acceptsRemote}|${mentor.acceptsInPerson}`;
    let entry = byKey.get(key);
    if (!entry) {
      entry = {
        members: [],
        group: {
          members: new Int32Array(0),
          kind: mentor.kind,
          departement: mentor.place.departement,
          acceptsRemote: mentor.acceptsRemote,
          acceptsInPerson: mentor.acceptsInPerson,
          expertiseMask: 0,
          availabilityMask: 0,
          occupationIds: new Set(),
          sectorLevelIds: new Set(),
          languageMask: 0,
          epciIds: new Set(),
          departementId: mentor.departementId,
          hasMembersWithoutCoordinates: false,
        },
      };
      byKey.set(key, entry);
    }
    const { group } = entry;
    entry.members.push(mentor.index);
    group.expertiseMask |= mentor.expertiseMask;
    group.availabilityMask |= mentor.availabilityMask;
    for (const ids of [mentor.occupationIds, mentor.domaineIds, mentor.grandDomaineIds]) {
      for (const id of ids) group.occupationIds.add(id);
    }
    for (const id of mentor.sectorLevelIds) if (id >= 0) group.sectorLevelIds.add(id);
    group.languageMask |= mentor.languageMask;
    if (mentor.epciId >= 0) group.epciIds.add(mentor.epciId);
    const { latitude, longitude } = mentor.place;
    if (latitude === undefined || longitude === undefined) {
      group.hasMembersWithoutCoordinates = true;
    } else if (!group.box) {
      group.box = { south: latitude, north: latitude, west: longitude, east: longitude };
    } else {
      group.box.south = Math.min(group.box.south, latitude);
      group.box.north = Math.max(group.box.north, latitude);
      group.box.west = Math.min(group.box.west, longitude);
      group.box.east = Math.max(group.box.east, longitude);
    }
  }
  return [...byKey.values()].map(({ group, members }) => ({
    ...group,
    members: Int32Array.from(members),
  }));
}

const BOUND_SCRATCH = new Float64Array(CRITERIA.length);

/** Upper bound of the score of any member of `group` for `mentee`. */
export function boundGroupScore(
  mentee: PreparedMentee,
  group: MentorGroup,
  context: ScoringContext,
): number {
  const bound = BOUND_SCRATCH;
  bound[0] = mentee.track && group.kind ? measureTrackFit(mentee.track, group.kind) : 0;
  bound[1] = boundOccupation(mentee, group.occupationIds);
  bound[2] = boundSector(mentee.sectorLevelIds, group.sectorLevelIds);
  bound[3] =
    mentee.needCount > 0 ? countBits(mentee.needsMask & group.expertiseMask) / mentee.needCount : 0;
  bound[4] = boundGeography(mentee, group);
  bound[5] = Math.min(1, countBits(mentee.availabilityMask & group.availabilityMask) / 2);
  bound[6] = (mentee.languageMask & group.languageMask) !== 0 ? 1 : 0;
  bound[7] = mentee.text.terms.length > 0 ? 1 : 0;
  return sumContributions(context.weights, bound);
}

function boundOccupation(mentee: PreparedMentee, groupIds: ReadonlySet<number>): number {
  let best = 0;
  for (let k = 0; k < mentee.occupationIds.length; k++) {
    if (groupIds.has(mentee.occupationIds[k]!)) return 1;
    if (groupIds.has(mentee.domaineIds[k]!)) best = Math.max(best, 0.6);
    else if (groupIds.has(mentee.grandDomaineIds[k]!)) best = Math.max(best, 0.3);
  }
  return best;
}

const SECTOR_LEVEL_BOUND = [1, 0.8, 0.6, 0.4, 0.2];

function boundSector(menteeLevels: Int32Array, groupIds: ReadonlySet<number>): number {
  let best = 0;
  for (let k = 0; k < menteeLevels.length; k++) {
    const id = menteeLevels[k]!;
    if (id >= 0 && groupIds.has(id)) best = Math.max(best, SECTOR_LEVEL_BOUND[k % 5]!);
  }
  return best;
}

function boundGeography(mentee: PreparedMentee, group: MentorGroup): number {
  if (mentee.acceptsRemote && group.acceptsRemote) return 1;
  if (!(mentee.acceptsInPerson && group.acceptsInPerson)) return 0;
  const hasCoordinates =
    mentee.place.latitude !== undefined && mentee.place.longitude !== undefined;
  let bound = 0;
  if (hasCoordinates && group.box) {
    // Nearest point of the box; one kilometre of slack covers the flat-box approximation.
    const nearest = {
      isArrondissement: false,
      latitude: Math.min(Math.max(mentee.place.latitude!, group.box.south), group.box.north),
      longitude: Math.min(Math.max(mentee.place.longitude!, group.box.west), group.box.east),
    };
    const distance = Math.max(0, measureDistanceKm(mentee.place, nearest)! - 1);
    bound = Math.max(0, Math.min(1, 1 - (distance - 1) / (PROXIMITY_RANGE_KM - 1)));
  }
  if (!hasCoordinates || group.hasMembersWithoutCoordinates) {
    if (mentee.departementId >= 0 && mentee.departementId === group.departementId) return 1;
    if (mentee.epciId >= 0 && group.epciIds.has(mentee.epciId)) bound = Math.max(bound, 0.6);
  }
  return bound;
}

/** Top-k candidates of one mentee, best first, and what pruning left out. */
export type CandidateList = {
  mentors: Int32Array;
  scores: Float64Array;
  /**
   * No mentor left out (allowed by the hard constraints) can score more than this; -Infinity
   * when nothing allowed was left out.
   */
  prunedBound: number;
  scoredPairs: number;
};

export type FindCandidatesOptions = {
  k: number;
  minScore?: number;
  excluded: ExcludedPairs;
};

/**
 * The k best allowed mentors of a mentee. Groups are visited by decreasing bound and the
 * search stops when the k-th best score already reaches the next bound, so most pairs are
 * never scored. Ties go to the mentor with the smaller index.
 */
export function findCandidates(
  mentee: PreparedMentee,
  mentors: readonly PreparedMentor[],
  catalog: MentorCatalog,
  context: ScoringContext,
  options: FindCandidatesOptions,
): CandidateList {
  const { groups, table } = catalog;
  const trackFits = listTrackFits(mentee);
  // Mentee-side reasons to check every pair in full; otherwise the mentor's flag decides.
  const isMenteeRestricted =
    options.excluded.size > 0 ||
    mentee.requiredLanguage !== undefined ||
    mentee.employerKey !== undefined ||
    mentee.familyKey !== undefined;
  // Per group: its score bound, and its bounds on the three criteria that a mentor's own
  // masks cannot tighten cheaply (occupation, sector, geography).
  const groupCriterionBounds = new Float64Array(3 * groups.length);
  const bounds = groups.map((group, index) => {
    const bound = boundGroupScore(mentee, group, context);
    groupCriterionBounds[3 * index] = BOUND_SCRATCH[1]!;
    groupCriterionBounds[3 * index + 1] = BOUND_SCRATCH[2]!;
    groupCriterionBounds[3 * index + 2] = BOUND_SCRATCH[4]!;
    return bound;
  });
  const optimistic = new Float64Array(CRITERIA.length);
  const order = groups.map((_, index) => index).sort((a, b) => bounds[b]! - bounds[a]! || a - b);
  const k = options.k;
  const minScore = options.minScore ?? -Infinity;
  const heapMentor = new Int32Array(k);
  const heapScore = new Float64Array(k);
  let size = 0;
  let prunedBound = -Infinity;
  let scoredPairs = 0;
  const similarity = new Float64Array(CRITERIA.length);
  const hasText = mentee.text.terms.length > 0;

  for (let g = 0; g < order.length; g++) {
    const bound = bounds[order[g]!]!;
    if (bound < minScore) break;
    if (size === k && bound <= heapScore[0]!) {
      prunedBound = Math.max(prunedBound, bound);
      break;
    }
    const groupIndex = order[g]!;
    const members = groups[groupIndex]!.members;
    optimistic[1] = groupCriterionBounds[3 * groupIndex]!;
    optimistic[2] = groupCriterionBounds[3 * groupIndex + 1]!;
    optimistic[4] = groupCriterionBounds[3 * groupIndex + 2]!;
    optimistic[TEXT_CRITERION] = hasText ? 1 : 0;
    for (let m = 0; m < members.length; m++) {
      const mentorIndex = members[m]!;
      // A bound from the mentor's own masks, before any costlier comparison. Every term is
      // at least the exact one and the sum runs in the same order, so it never undercuts.
      const kind = table.kind[mentorIndex]!;
      optimistic[0] = mentee.track && kind >= 0 ? trackFits[kind]! : 0;
      optimistic[3] =
        mentee.needCount > 0
          ? countBits(mentee.needsMask & table.expertise[mentorIndex]!) / mentee.needCount
          : 0;
      optimistic[5] = Math.min(
        1,
        countBits(mentee.availabilityMask & table.availability[mentorIndex]!) / 2,
      );
      optimistic[6] = (mentee.languageMask & table.languages[mentorIndex]!) !== 0 ? 1 : 0;
      const cheapBound = sumContributions(context.weights, optimistic);
      if (cheapBound < minScore) continue;
      if (size === k && cheapBound <= heapScore[0]!) {
        prunedBound = Math.max(prunedBound, cheapBound);
        continue;
      }
      if (
        (isMenteeRestricted || table.needsPairCheck[mentorIndex] === 1) &&
        checkPairAllowed(mentee, mentors[mentorIndex]!, options.excluded)
      ) {
        continue;
      }
      measureStructuredFromTable(mentee, trackFits, table, mentorIndex, similarity);
      similarity[TEXT_CRITERION] = hasText ? 1 : 0;
      const withoutText = sumContributions(context.weights, similarity);
      if (withoutText < minScore) continue;
      if (size === k && withoutText <= heapScore[0]!) {
        prunedBound = Math.max(prunedBound, withoutText);
        continue;
      }
      similarity[TEXT_CRITERION] = hasText
        ? measureCosine(mentee.text, mentors[mentorIndex]!.text)
        : 0;
      const score = sumContributions(context.weights, similarity);
      scoredPairs++;
      if (score < minScore) continue;
      if (size < k) {
        heapScore[size] = score;
        heapMentor[size] = mentorIndex;
        siftUp(heapScore, heapMentor, size++);
      } else if (isWeaker(heapScore[0]!, heapMentor[0]!, score, mentorIndex)) {
        prunedBound = Math.max(prunedBound, heapScore[0]!);
        heapScore[0] = score;
        heapMentor[0] = mentorIndex;
        siftDown(heapScore, heapMentor, size, 0);
      } else {
        prunedBound = Math.max(prunedBound, score);
      }
    }
  }
  const ranked = Array.from({ length: size }, (_, at) => at).sort(
    (a, b) => heapScore[b]! - heapScore[a]! || heapMentor[a]! - heapMentor[b]!,
  );
  return {
    mentors: Int32Array.from(ranked, (at) => heapMentor[at]!),
    scores: Float64Array.from(ranked, (at) => heapScore[at]!),
    prunedBound,
    scoredPairs,
  };
}

// The top-k list is a min-heap on (score, then larger index first): its root is the weakest
// kept candidate. Module-level functions keep the scanning loop free of closures, whose
// captured variables slowed it down several times.
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
  const mentor = heapMentor[a]!;
  heapMentor[a] = heapMentor[b]!;
  heapMentor[b] = mentor;
}
