import type { PreparedMentee, PreparedMentor } from './prepare-profiles.ts';

/** Why a pair may not be proposed at all, whatever its score. */
export type ExclusionReason =
  | 'mentor_paused'
  | 'mentor_full'
  | 'excluded'
  | 'conflict_of_interest'
  | 'program_restricted'
  | 'language_required';

/** Pairs excluded by the coordinator or declined in the past, keyed by `mentee\u0000mentor` ids. */
export type ExcludedPairs = ReadonlySet<string>;

/** Key of a pair in `ExcludedPairs`. */
export function keyPair(menteeId: string, mentorId: string): string {
  return `${menteeId}\u0000${mentorId}`;
}

/**
 * Mentor-only constraints, checked once per mentor before any pair: a paused or full mentor
 * is never a candidate.
 */
export function checkMentorAvailable(mentor: PreparedMentor): ExclusionReason | null {
  if (mentor.isPaused) return 'mentor_paused';
  if (mentor.capacity <= 0) return 'mentor_full';
  return null;
}

/**
 * The hard constraints of a pair, cheapest first. Conflicts of interest: same employer, or
 * same family name in the same commune. A mentor dedicated to programs only takes mentees of
 * those programs. A mentee's required language must be one the mentor speaks.
 */
export function checkPairAllowed(
  mentee: PreparedMentee,
  mentor: PreparedMentor,
  excluded: ExcludedPairs,
): ExclusionReason | null {
  const mentorReason = checkMentorAvailable(mentor);
  if (mentorReason) return mentorReason;
  if (mentor.programs.length > 0 && !(mentee.program && mentor.programs.includes(mentee.program))) {
    return 'program_restricted';
  }
  if (mentee.requiredLanguage && !mentor.languages.includes(mentee.requiredLanguage)) {
    return 'language_required';
  }
  if (mentee.employerKey && mentee.employerKey === mentor.employerKey)
    return 'conflict_of_interest';
  if (
    mentee.familyKey &&
    mentee.familyKey === mentor.familyKey &&
    mentee.place.commune !== undefined &&
    mentee.place.commune === mentor.place.commune
  ) {
    return 'conflict_of_interest';
  }
  if (excluded.size > 0 && excluded.has(`${mentee.id}\u0000${mentor.id}`)) return 'excluded';
  return null;
}
