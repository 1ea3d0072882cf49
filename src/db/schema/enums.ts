import { pgEnum } from 'drizzle-orm/pg-core';
import * as people from '../../domain/people.ts';
import * as tandems from '../../domain/tandems.ts';

export const roleEnum = pgEnum('role', people.ROLES);
export const userStatusEnum = pgEnum('user_status', people.USER_STATUSES);
export const trackEnum = pgEnum('track', people.TRACKS);
export const mentorKindEnum = pgEnum('mentor_kind', people.MENTOR_KINDS);
export const mentorStatusEnum = pgEnum('mentor_status', people.MENTOR_STATUSES);
export const menteeStatusEnum = pgEnum('mentee_status', people.MENTEE_STATUSES);
export const meetingModeEnum = pgEnum('meeting_mode', people.MEETING_MODES);
export const businessStageEnum = pgEnum('business_stage', people.BUSINESS_STAGES);
export const genderEnum = pgEnum('gender', people.GENDERS);
export const consentPurposeEnum = pgEnum('consent_purpose', people.CONSENT_PURPOSES);
export const consentMethodEnum = pgEnum('consent_method', people.CONSENT_METHODS);
export const partnerKindEnum = pgEnum('partner_kind', people.PARTNER_KINDS);

export const tandemStatusEnum = pgEnum('tandem_status', tandems.TANDEM_STATUSES);
export const decisionEnum = pgEnum('decision', tandems.DECISIONS);
export const endReasonEnum = pgEnum('end_reason', tandems.END_REASONS);
export const matchingModeEnum = pgEnum('matching_mode', tandems.MATCHING_MODES);
export const roundStatusEnum = pgEnum('round_status', tandems.ROUND_STATUSES);
export const proposalStatusEnum = pgEnum('proposal_status', tandems.PROPOSAL_STATUSES);
export const goalKindEnum = pgEnum('goal_kind', tandems.GOAL_KINDS);
export const goalStatusEnum = pgEnum('goal_status', tandems.GOAL_STATUSES);
export const meetingStatusEnum = pgEnum('meeting_status', tandems.MEETING_STATUSES);
export const checkInKindEnum = pgEnum('check_in_kind', tandems.CHECK_IN_KINDS);
export const checkInStatusEnum = pgEnum('check_in_status', tandems.CHECK_IN_STATUSES);
export const respondentSideEnum = pgEnum('respondent_side', tandems.RESPONDENT_SIDES);
export const outcomeKindEnum = pgEnum('outcome_kind', tandems.OUTCOME_KINDS);
export const outcomeMilestoneEnum = pgEnum('outcome_milestone', tandems.OUTCOME_MILESTONES);
export const alertKindEnum = pgEnum('alert_kind', tandems.ALERT_KINDS);
export const alertStatusEnum = pgEnum('alert_status', tandems.ALERT_STATUSES);
export const noteVisibilityEnum = pgEnum('note_visibility', tandems.NOTE_VISIBILITIES);
export const jobStatusEnum = pgEnum('job_status', tandems.JOB_STATUSES);
export const nafLevelEnum = pgEnum('naf_level', [
  'section',
  'division',
  'groupe',
  'classe',
  'sous_classe',
]);
export const communeKindEnum = pgEnum('commune_kind', ['commune', 'arrondissement']);
