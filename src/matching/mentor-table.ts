import { MENTOR_KINDS } from '../domain/people.ts';
import type { PreparedMentee, PreparedMentor } from './prepare-profiles.ts';
import { countBits } from './prepare-profiles.ts';
import {
  measureHaversineKm,
  measureTrackFit,
  proximityOfDistance,
  SECTOR_LEVEL_SIMILARITY,
} from './score-pair.ts';

/**
 * The mentors' structured features in flat typed arrays (one entry per mentor), so that
 * scanning thousands of mentors for one mentee streams through memory instead of chasing
 * pointers through profile objects. It computes the very same similarities as
 * `measureStructuredCriteria`, operation for operation (a property test compares them).
 */
export type MentorTable = {
  kind: Int8Array;
  expertise: Int32Array;
  availability: Int32Array;
  languages: Int32Array;
  /** Bit 1: open to remote meetings; bit 2: open to meetings in person. */
  modes: Uint8Array;
  commune: Int32Array;
  parentCommune: Int32Array;
  epci: Int32Array;
  departement: Int32Array;
  latitude: Float64Array;
  longitude: Float64Array;
  occupationStart: Int32Array;
  occupation: Int32Array;
  domaine: Int32Array;
  grandDomaine: Int32Array;
  sectorStart: Int32Array;
  sectorLevel: Int32Array;
  /** 1 when a pair with this mentor needs the full hard-constraint check (programs, conflicts). */
  needsPairCheck: Uint8Array;
};

/** Lays the prepared mentors out as a table. */
export function tabulateMentors(mentors: readonly PreparedMentor[]): MentorTable {
  const count = mentors.length;
  const occupationStart = new Int32Array(count + 1);
  const sectorStart = new Int32Array(count + 1);
  mentors.forEach((mentor, j) => {
    occupationStart[j + 1] = occupationStart[j]! + mentor.occupationIds.length;
    sectorStart[j + 1] = sectorStart[j]! + mentor.sectorLevelIds.length;
  });
  const table: MentorTable = {
    kind: new Int8Array(count),
    expertise: new Int32Array(count),
    availability: new Int32Array(count),
    languages: new Int32Array(count),
    modes: new Uint8Array(count),
    commune: new Int32Array(count),
    parentCommune: new Int32Array(count),
    epci: new Int32Array(count),
    departement: new Int32Array(count),
    latitude: new Float64Array(count),
    longitude: new Float64Array(count),
    occupationStart,
    occupation: new Int32Array(occupationStart[count]!),
    domaine: new Int32Array(occupationStart[count]!),
    grandDomaine: new Int32Array(occupationStart[count]!),
    sectorStart,
    sectorLevel: new Int32Array(sectorStart[count]!),
    needsPairCheck: new Uint8Array(count),
  };
  mentors.forEach((mentor, j) => {
    table.kind[j] = mentor.kind ? MENTOR_KINDS.indexOf(mentor.kind) : -1;
    table.expertise[j] = mentor.expertiseMask;
    table.availability[j] = mentor.availabilityMask;
    table.languages[j] = mentor.languageMask;
    table.modes[j] = (mentor.acceptsRemote ? 1 : 0) | (mentor.acceptsInPerson ? 2 : 0);
    table.commune[j] = mentor.communeId;
    table.parentCommune[j] = mentor.parentCommuneId;
    table.epci[j] = mentor.epciId;
    table.departement[j] = mentor.departementId;
    table.latitude[j] = mentor.place.latitude ?? NaN;
    table.longitude[j] = mentor.place.longitude ?? NaN;
    table.occupation.set(mentor.occupationIds, occupationStart[j]);
    table.domaine.set(mentor.domaineIds, occupationStart[j]);
    table.grandDomaine.set(mentor.grandDomaineIds, occupationStart[j]);
    table.sectorLevel.set(mentor.sectorLevelIds, sectorStart[j]);
    const isRestricted =
      mentor.programs.length > 0 ||
      mentor.employerKey !== undefined ||
      mentor.familyKey !== undefined;
    table.needsPairCheck[j] = isRestricted ? 1 : 0;
  });
  return table;
}

/** Track fit of a mentee with each kind of mentor, looked up by kind index. */
export function listTrackFits(mentee: PreparedMentee): Float64Array {
  return Float64Array.from(MENTOR_KINDS, (kind) =>
    mentee.track ? measureTrackFit(mentee.track, kind) : 0,
  );
}

/** `measureStructuredCriteria` for mentor `j` of the table. */
export function measureStructuredFromTable(
  mentee: PreparedMentee,
  trackFits: Float64Array,
  table: MentorTable,
  j: number,
  out: Float64Array,
): void {
  const kind = table.kind[j]!;
  out[0] = mentee.track && kind >= 0 ? trackFits[kind]! : 0;

  let occupation = 0;
  const occupationEnd = table.occupationStart[j + 1]!;
  search: for (let l = 0; l < mentee.occupationIds.length; l++) {
    for (let r = table.occupationStart[j]!; r < occupationEnd; r++) {
      if (mentee.occupationIds[l] === table.occupation[r]) {
        occupation = 1;
        break search;
      }
      if (mentee.domaineIds[l] === table.domaine[r]) occupation = 0.6;
      else if (occupation < 0.3 && mentee.grandDomaineIds[l] === table.grandDomaine[r])
        occupation = 0.3;
    }
  }
  out[1] = occupation;

  let sector = 0;
  const levels = mentee.sectorLevelIds;
  const sectorBegin = table.sectorStart[j]!;
  const sectorEnd = table.sectorStart[j + 1]!;
  for (let base = 0; base < levels.length; base += 5) {
    for (let level = 0; level < 5 && SECTOR_LEVEL_SIMILARITY[level]! > sector; level++) {
      const id = levels[base + level]!;
      if (id < 0) continue;
      for (let r = sectorBegin + level; r < sectorEnd; r += 5) {
        if (table.sectorLevel[r] === id) {
          sector = SECTOR_LEVEL_SIMILARITY[level]!;
          break;
        }
      }
      if (sector === SECTOR_LEVEL_SIMILARITY[level]) break;
    }
  }
  out[2] = sector;

  out[3] =
    mentee.needCount > 0 ? countBits(mentee.needsMask & table.expertise[j]!) / mentee.needCount : 0;

  const modes = table.modes[j]!;
  let geography = 0;
  if (mentee.acceptsRemote && (modes & 1) !== 0) geography = 1;
  else if (mentee.acceptsInPerson && (modes & 2) !== 0) {
    const latitude = table.latitude[j]!;
    const longitude = table.longitude[j]!;
    if (
      mentee.place.latitude !== undefined &&
      mentee.place.longitude !== undefined &&
      !Number.isNaN(latitude) &&
      !Number.isNaN(longitude)
    ) {
      geography = proximityOfDistance(
        measureHaversineKm(mentee.place.latitude, mentee.place.longitude, latitude, longitude),
      );
    } else if (
      mentee.communeId >= 0 &&
      mentee.communeId === table.commune[j] &&
      mentee.place.isArrondissement
    )
      geography = 1;
    else if (mentee.parentCommuneId >= 0 && mentee.parentCommuneId === table.parentCommune[j])
      geography = 0.8;
    else if (mentee.epciId >= 0 && mentee.epciId === table.epci[j]) geography = 0.6;
    else if (mentee.departementId >= 0 && mentee.departementId === table.departement[j])
      geography = 0.3;
  }
  out[4] = geography;
  out[5] = Math.min(1, countBits(mentee.availabilityMask & table.availability[j]!) / 2);
  out[6] = (mentee.languageMask & table.languages[j]!) !== 0 ? 1 : 0;
}
