/**
 * A tandem's lifecycle. A proposal is a tandem in `proposed`; both sides accept (double
 * opt-in) → `accepted`; the first meeting makes it `active`; it ends `completed` or
 * `ended_early`. `declined` and `expired` close a proposal that never started.
 */
export const TANDEM_STATUSES = [
  'proposed',
  'accepted',
  'active',
  'completed',
  'ended_early',
  'declined',
  'expired',
] as const;
export type TandemStatus = (typeof TANDEM_STATUSES)[number];

/**
 * Statuses that hold one of the mentor's capacity slots and count as the mentee's
 * current tandem in a program. The database enforces both invariants on exactly this set
 * (see the `tandem_holds_slot` SQL function): keep them in step.
 */
export const SLOT_HOLDING_STATUSES = [
  'proposed',
  'accepted',
  'active',
] as const satisfies readonly TandemStatus[];

export const TANDEM_TRANSITIONS: Readonly<Record<TandemStatus, readonly TandemStatus[]>> = {
  proposed: ['accepted', 'declined', 'expired'],
  accepted: ['active', 'ended_early'],
  active: ['completed', 'ended_early'],
  completed: [],
  ended_early: [],
  declined: [],
  expired: [],
};

/** Whether the lifecycle allows moving a tandem from one status to another. */
export function canTransition(from: TandemStatus, to: TandemStatus): boolean {
  return TANDEM_TRANSITIONS[from].includes(to);
}

/** Whether a tandem in this status holds a mentor slot. */
export function holdsSlot(status: TandemStatus): boolean {
  return (SLOT_HOLDING_STATUSES as readonly TandemStatus[]).includes(status);
}

export const DECISIONS = ['accepted', 'declined'] as const;
export type Decision = (typeof DECISIONS)[number];

export const END_REASONS = [
  'goal_reached',
  'mentee_found_job',
  'mentee_unavailable',
  'mentor_unavailable',
  'not_a_good_fit',
  'no_contact',
  'program_ended',
  'other',
] as const;
export type EndReason = (typeof END_REASONS)[number];

export const MATCHING_MODES = ['optimal', 'stable', 'greedy'] as const;
export type MatchingMode = (typeof MATCHING_MODES)[number];

export const ROUND_STATUSES = ['staged', 'published', 'cancelled'] as const;
export const PROPOSAL_STATUSES = ['staged', 'removed', 'published'] as const;

export const GOAL_KINDS = ['goal', 'next_step'] as const;
export const GOAL_STATUSES = ['open', 'in_progress', 'achieved', 'dropped'] as const;

export const MEETING_STATUSES = ['planned', 'held', 'cancelled'] as const;

export const CHECK_IN_KINDS = ['pairing_fit', 'scheduled', 'closure'] as const;
export const CHECK_IN_STATUSES = ['scheduled', 'sent', 'answered', 'missed'] as const;
export const RESPONDENT_SIDES = ['mentor', 'mentee'] as const;

/** What became of a mentee; recorded at the end and at +6, +12 and +36 months. */
export const OUTCOME_KINDS = [
  'job_permanent',
  'job_fixed_term_long',
  'job_fixed_term_short',
  'training',
  'business_created',
  'business_active',
  'business_closed',
  'still_searching',
  'other',
] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];
export const OUTCOME_MILESTONES = ['end', 'month_6', 'month_12', 'month_36'] as const;

export const ALERT_KINDS = [
  'no_meeting',
  'check_in_unanswered',
  'low_fit',
  'low_satisfaction',
  'proposal_unanswered',
  'proposal_expired',
] as const;
export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;

export const NOTE_VISIBILITIES = ['private', 'staff', 'partner'] as const;

export const JOB_STATUSES = ['pending', 'running', 'succeeded', 'failed', 'dead'] as const;
