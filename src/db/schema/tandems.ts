import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  alertKindEnum,
  alertStatusEnum,
  checkInKindEnum,
  checkInStatusEnum,
  decisionEnum,
  endReasonEnum,
  goalKindEnum,
  goalStatusEnum,
  meetingModeEnum,
  meetingStatusEnum,
  noteVisibilityEnum,
  outcomeKindEnum,
  outcomeMilestoneEnum,
  respondentSideEnum,
  tandemStatusEnum,
} from './enums.ts';
import { partners, users } from './people.ts';
import { cohorts, matchingRounds, matchProposals, programs } from './programs.ts';

const timestamptz = () => timestamp({ withTimezone: true });

/**
 * One mentor and one mentee over time. A trigger keeps the mentor's slot count in step
 * with the slot-holding statuses; the partial unique index allows one current tandem per
 * mentee and programme.
 */
export const tandems = pgTable(
  'tandems',
  {
    id: uuid().primaryKey().defaultRandom(),
    programId: uuid()
      .notNull()
      .references(() => programs.id),
    cohortId: uuid().references(() => cohorts.id),
    menteeId: uuid()
      .notNull()
      .references(() => users.id),
    mentorId: uuid()
      .notNull()
      .references(() => users.id),
    roundId: uuid().references(() => matchingRounds.id),
    proposalId: uuid().references(() => matchProposals.id),
    status: tandemStatusEnum().notNull().default('proposed'),
    score: doublePrecision(),
    explanation: jsonb(),
    proposedAt: timestamptz().notNull().defaultNow(),
    replyDeadlineAt: timestamptz(),
    /** When the reminder before the reply deadline was queued (sent once). */
    replyReminderSentAt: timestamptz(),
    menteeDecision: decisionEnum(),
    menteeDecidedAt: timestamptz(),
    mentorDecision: decisionEnum(),
    mentorDecidedAt: timestamptz(),
    declineReason: text(),
    acceptedAt: timestamptz(),
    startedAt: timestamptz(),
    plannedEndOn: date(),
    endedAt: timestamptz(),
    endReason: endReasonEnum(),
    endComment: text(),
    endedBy: uuid().references(() => users.id),
    createdAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tandems_one_current_per_mentee_program')
      .on(t.menteeId, t.programId)
      .where(sql`${t.status} IN ('proposed', 'accepted', 'active')`),
    index().on(t.mentorId),
    index().on(t.status),
    index().on(t.programId),
    check('tandem_distinct_people', sql`${t.menteeId} <> ${t.mentorId}`),
  ],
);

/** Every status change of a tandem, with who made it and why. */
export const tandemStatusHistory = pgTable(
  'tandem_status_history',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    tandemId: uuid()
      .notNull()
      .references(() => tandems.id, { onDelete: 'cascade' }),
    fromStatus: tandemStatusEnum(),
    toStatus: tandemStatusEnum().notNull(),
    changedBy: uuid().references(() => users.id),
    changedAt: timestamptz().notNull().defaultNow(),
    reason: text(),
  },
  (t) => [index().on(t.tandemId)],
);

/** A session of a tandem, planned or held. */
export const meetings = pgTable(
  'meetings',
  {
    id: uuid().primaryKey().defaultRandom(),
    tandemId: uuid()
      .notNull()
      .references(() => tandems.id, { onDelete: 'cascade' }),
    status: meetingStatusEnum().notNull().default('held'),
    occursAt: timestamptz().notNull(),
    durationMinutes: integer().notNull(),
    mode: meetingModeEnum().notNull(),
    location: text(),
    topics: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    sharedSummary: text(),
    loggedBy: uuid().references(() => users.id),
    createdAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    index().on(t.tandemId, t.occursAt),
    check('meeting_duration', sql`${t.durationMinutes} BETWEEN 5 AND 600`),
  ],
);

/** Goals and next steps shared by the pair. */
export const goals = pgTable(
  'goals',
  {
    id: uuid().primaryKey().defaultRandom(),
    tandemId: uuid()
      .notNull()
      .references(() => tandems.id, { onDelete: 'cascade' }),
    kind: goalKindEnum().notNull().default('goal'),
    title: text().notNull(),
    description: text(),
    status: goalStatusEnum().notNull().default('open'),
    dueOn: date(),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamptz().notNull().defaultNow(),
    achievedAt: timestamptz(),
  },
  (t) => [index().on(t.tandemId)],
);

/** A scheduled short survey to one side of a tandem. */
export const checkIns = pgTable(
  'check_ins',
  {
    id: uuid().primaryKey().defaultRandom(),
    tandemId: uuid()
      .notNull()
      .references(() => tandems.id, { onDelete: 'cascade' }),
    respondentId: uuid()
      .notNull()
      .references(() => users.id),
    side: respondentSideEnum().notNull(),
    kind: checkInKindEnum().notNull(),
    monthNumber: integer(),
    status: checkInStatusEnum().notNull().default('scheduled'),
    dueAt: timestamptz().notNull(),
    sentAt: timestamptz(),
    remindersSent: integer().notNull().default(0),
    answeredAt: timestamptz(),
    satisfaction: smallint(),
    isGoodFit: smallint(),
    comment: text(),
    answers: jsonb(),
  },
  (t) => [
    index().on(t.tandemId),
    index().on(t.status, t.dueAt),
    check('check_in_satisfaction', sql`${t.satisfaction} BETWEEN 1 AND 5`),
    check('check_in_fit', sql`${t.isGoodFit} BETWEEN 1 AND 5`),
  ],
);

/** What became of a mentee at the end of a tandem and at later milestones. */
export const outcomes = pgTable(
  'outcomes',
  {
    id: uuid().primaryKey().defaultRandom(),
    menteeId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tandemId: uuid().references(() => tandems.id, { onDelete: 'set null' }),
    milestone: outcomeMilestoneEnum().notNull(),
    kind: outcomeKindEnum().notNull(),
    observedOn: date().notNull(),
    details: jsonb(),
    recordedBy: uuid().references(() => users.id),
    recordedAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [index().on(t.menteeId), index().on(t.tandemId)],
);

/** Something that needs a coordinator's or referrer's attention. */
export const alerts = pgTable(
  'alerts',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: alertKindEnum().notNull(),
    status: alertStatusEnum().notNull().default('open'),
    tandemId: uuid().references(() => tandems.id, { onDelete: 'cascade' }),
    menteeId: uuid().references(() => users.id, { onDelete: 'cascade' }),
    partnerId: uuid().references(() => partners.id),
    message: text().notNull(),
    details: jsonb(),
    createdAt: timestamptz().notNull().defaultNow(),
    acknowledgedAt: timestamptz(),
    resolvedAt: timestamptz(),
    resolvedBy: uuid().references(() => users.id),
    /** Stops the same open alert from being raised twice (e.g. `no_meeting:<tandem>`). */
    dedupeKey: text(),
  },
  (t) => [
    uniqueIndex('alerts_open_dedupe')
      .on(t.dedupeKey)
      .where(sql`${t.status} <> 'resolved'`),
    index().on(t.status, t.createdAt),
    index().on(t.partnerId),
  ],
);

/**
 * Notes on a tandem, a person or a meeting. `private` notes are seen by their author only;
 * `staff` by the hub; `partner` also by the mentee's referrers. Never by mentors or mentees
 * other than a private note's author.
 */
export const notes = pgTable(
  'notes',
  {
    id: uuid().primaryKey().defaultRandom(),
    authorId: uuid()
      .notNull()
      .references(() => users.id),
    visibility: noteVisibilityEnum().notNull(),
    tandemId: uuid().references(() => tandems.id, { onDelete: 'cascade' }),
    subjectUserId: uuid().references(() => users.id, { onDelete: 'cascade' }),
    meetingId: uuid().references(() => meetings.id, { onDelete: 'cascade' }),
    body: text().notNull(),
    createdAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    index().on(t.tandemId),
    index().on(t.subjectUserId),
    check(
      'note_has_subject',
      sql`num_nonnulls(${t.tandemId}, ${t.subjectUserId}, ${t.meetingId}) >= 1`,
    ),
  ],
);

/**
 * One-click links (accept, decline, log a meeting, answer a check-in) that have been used.
 * The links themselves are signed, not stored; this table makes each one single use.
 */
export const usedActionLinks = pgTable('used_action_links', {
  linkId: text().primaryKey(),
  purpose: text().notNull(),
  userId: uuid().references(() => users.id, { onDelete: 'cascade' }),
  usedAt: timestamptz().notNull().defaultNow(),
});
