/** Roles a user can hold. A referrer is always bound to one partner. */
export const ROLES = ['admin', 'coordinator', 'referrer', 'mentor', 'mentee'] as const;
export type Role = (typeof ROLES)[number];

export const USER_STATUSES = ['invited', 'active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** A mentee's track: looking for a job, creating a business, or growing a young one. */
export const TRACKS = ['job_search', 'business_creation', 'business_growth'] as const;
export type Track = (typeof TRACKS)[number];

/** What a mentor is in professional life; drives track fit in matching. */
export const MENTOR_KINDS = [
  'entrepreneur',
  'executive',
  'employee',
  'recruiter',
  'retired',
] as const;
export type MentorKind = (typeof MENTOR_KINDS)[number];

/**
 * A mentor's lifecycle: application → charter signed → vetted by a coordinator
 * (active or rejected); an active mentor may pause (with an end date) or withdraw.
 */
export const MENTOR_STATUSES = [
  'applied',
  'charter_signed',
  'active',
  'paused',
  'rejected',
  'withdrawn',
] as const;
export type MentorStatus = (typeof MENTOR_STATUSES)[number];

/** Where a mentee stands in the hub. */
export const MENTEE_STATUSES = [
  'referred',
  'waiting',
  'in_tandem',
  'completed',
  'withdrawn',
] as const;
export type MenteeStatus = (typeof MENTEE_STATUSES)[number];

export const MEETING_MODES = ['in_person', 'remote', 'both'] as const;
export type MeetingMode = (typeof MEETING_MODES)[number];

export const BUSINESS_STAGES = [
  'idea',
  'project',
  'created_less_than_1_year',
  'created_1_to_3_years',
  'created_more_than_3_years',
] as const;
export type BusinessStage = (typeof BUSINESS_STAGES)[number];

/** Needs a mentee can express, and the matching expertise a mentor can offer. */
export const NEEDS = [
  'financing',
  'sales',
  'marketing',
  'legal',
  'accounting',
  'hr',
  'digital',
  'cv_interviews',
  'network',
  'career_change',
  'strategy',
  'confidence',
] as const;
export type Need = (typeof NEEDS)[number];

/** Weekly availability slots, e.g. `mon_am` = Monday morning. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export const DAY_PARTS = ['am', 'pm', 'eve'] as const;
export const AVAILABILITY_SLOTS = WEEKDAYS.flatMap((day) =>
  DAY_PARTS.map((part) => `${day}_${part}` as const),
);
export type AvailabilitySlot = (typeof AVAILABILITY_SLOTS)[number];

export const GENDERS = ['female', 'male', 'other', 'undisclosed'] as const;
export type Gender = (typeof GENDERS)[number];

export const CONSENT_PURPOSES = [
  'mentoring',
  'data_sharing_with_partner',
  'impact_follow_up',
  'communications',
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const CONSENT_METHODS = ['online_form', 'paper_form', 'verbal', 'email'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

export const PARTNER_KINDS = [
  'business_support',
  'employment_service',
  'mission_locale',
  'insertion',
  'association',
  'public_body',
  'company',
  'other',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];
