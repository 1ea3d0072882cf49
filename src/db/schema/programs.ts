import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { matchingModeEnum, proposalStatusEnum, roundStatusEnum, trackEnum } from './enums.ts';
import { partners, users } from './people.ts';

/**
 * A mentoring programme (e.g. "Work'Up Massilia"). The hub's general pool is a programme
 * too (`isDefault`), so every tandem belongs to exactly one programme.
 */
export const programs = pgTable(
  'programs',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    description: text(),
    isDefault: boolean().notNull().default(false),
    partnerId: uuid().references(() => partners.id),
    tracks: trackEnum()
      .array()
      .notNull()
      .default(sql`'{}'::track[]`),
    durationMonths: integer().notNull().default(6),
    checkInMonths: integer()
      .array()
      .notNull()
      .default(sql`'{1,3,6}'::integer[]`),
    proposalDeadlineDays: integer().notNull().default(7),
    /** Only the programme's dedicated mentors may be matched in it. */
    restrictToDedicatedMentors: boolean().notNull().default(false),
    /** Per-criterion weights for the matching engine; null means the engine's defaults. */
    matchingWeights: jsonb(),
    minimumScore: doublePrecision(),
    isActive: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('program_duration', sql`${t.durationMonths} BETWEEN 1 AND 60`),
    check('program_deadline', sql`${t.proposalDeadlineDays} BETWEEN 1 AND 60`),
  ],
);

/** A promotion of a programme, with its own dates. */
export const cohorts = pgTable(
  'cohorts',
  {
    id: uuid().primaryKey().defaultRandom(),
    programId: uuid()
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    startsOn: date().notNull(),
    endsOn: date(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique().on(t.programId, t.name),
    check('cohort_dates', sql`${t.endsOn} IS NULL OR ${t.endsOn} >= ${t.startsOn}`),
  ],
);

/** Mentors dedicated to a programme (optionally to one of its cohorts). */
export const programMentors = pgTable(
  'program_mentors',
  {
    programId: uuid()
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    mentorId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    cohortId: uuid().references(() => cohorts.id, { onDelete: 'set null' }),
    addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.programId, t.mentorId] }), index().on(t.mentorId)],
);

/** A mentee's enrolment in a programme (and cohort). */
export const enrolments = pgTable(
  'enrolments',
  {
    programId: uuid()
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    menteeId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    cohortId: uuid().references(() => cohorts.id, { onDelete: 'set null' }),
    enrolledAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    leftAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.programId, t.menteeId] }), index().on(t.menteeId)],
);

/** A matching run over a programme, a cohort or the waiting pool; staged until published. */
export const matchingRounds = pgTable(
  'matching_rounds',
  {
    id: uuid().primaryKey().defaultRandom(),
    programId: uuid()
      .notNull()
      .references(() => programs.id),
    cohortId: uuid().references(() => cohorts.id),
    mode: matchingModeEnum().notNull(),
    status: roundStatusEnum().notNull().default('staged'),
    parameters: jsonb()
      .notNull()
      .default(sql`'{}'::jsonb`),
    summary: jsonb(),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp({ withTimezone: true }),
    publishedBy: uuid().references(() => users.id),
  },
  (t) => [index().on(t.programId)],
);

/** One staged pair of a round, with the engine's score and explanation. */
export const matchProposals = pgTable(
  'match_proposals',
  {
    id: uuid().primaryKey().defaultRandom(),
    roundId: uuid()
      .notNull()
      .references(() => matchingRounds.id, { onDelete: 'cascade' }),
    menteeId: uuid()
      .notNull()
      .references(() => users.id),
    mentorId: uuid()
      .notNull()
      .references(() => users.id),
    score: doublePrecision().notNull(),
    explanation: jsonb().notNull(),
    status: proposalStatusEnum().notNull().default('staged'),
    addedByCoordinator: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.roundId, t.menteeId, t.mentorId), index().on(t.roundId)],
);

/** Pairs that must never be proposed again (a decline, a conflict of interest…). */
export const pairExclusions = pgTable(
  'pair_exclusions',
  {
    menteeId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    mentorId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reason: text().notNull(),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.menteeId, t.mentorId] }), index().on(t.mentorId)],
);
