import { getTableColumns } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../client.ts';
import {
  alerts,
  checkIns,
  cohorts,
  consents,
  enrolments,
  goals,
  meetings,
  menteeProfiles,
  mentorProfiles,
  notes,
  outcomes,
  pairExclusions,
  partners,
  programMentors,
  programs,
  tandemStatusHistory,
  tandems,
  users,
} from '../schema/index.ts';

/** Insert shapes of the tables a whole hub is made of. */
export type PartnerRow = typeof partners.$inferInsert;
export type UserRow = typeof users.$inferInsert;
export type MentorProfileRow = typeof mentorProfiles.$inferInsert;
export type MenteeProfileRow = typeof menteeProfiles.$inferInsert;
export type ConsentRow = typeof consents.$inferInsert;
export type ProgramRow = typeof programs.$inferInsert;
export type CohortRow = typeof cohorts.$inferInsert;
export type ProgramMentorRow = typeof programMentors.$inferInsert;
export type EnrolmentRow = typeof enrolments.$inferInsert;
export type TandemRow = typeof tandems.$inferInsert;
export type TandemStatusHistoryRow = typeof tandemStatusHistory.$inferInsert;
export type MeetingRow = typeof meetings.$inferInsert;
export type GoalRow = typeof goals.$inferInsert;
export type CheckInRow = typeof checkIns.$inferInsert;
export type OutcomeRow = typeof outcomes.$inferInsert;
export type AlertRow = typeof alerts.$inferInsert;
export type NoteRow = typeof notes.$inferInsert;
export type PairExclusionRow = typeof pairExclusions.$inferInsert;

/**
 * A whole hub as rows, in the order foreign keys need them. Every row carries its own id and
 * timestamps, so that inserting the same rows twice into two empty databases gives the same
 * content (no `defaultRandom()` or `now()` involved).
 */
export type HubRows = {
  partners: PartnerRow[];
  users: UserRow[];
  mentorProfiles: MentorProfileRow[];
  menteeProfiles: MenteeProfileRow[];
  consents: ConsentRow[];
  programs: ProgramRow[];
  cohorts: CohortRow[];
  programMentors: ProgramMentorRow[];
  enrolments: EnrolmentRow[];
  tandems: TandemRow[];
  tandemStatusHistory: TandemStatusHistoryRow[];
  meetings: MeetingRow[];
  goals: GoalRow[];
  checkIns: CheckInRow[];
  outcomes: OutcomeRow[];
  alerts: AlertRow[];
  notes: NoteRow[];
  pairExclusions: PairExclusionRow[];
};

/** Bind parameters per INSERT, well under PostgreSQL's limit of 65,535. */
const MAX_PARAMETERS = 30_000;

async function insertInBatches<T extends PgTable>(
  db: Executor,
  table: T,
  rows: readonly T['$inferInsert'][],
): Promise<void> {
  // Drizzle binds every column of the table for each row (DEFAULT for the missing ones).
  const columnCount = Object.keys(getTableColumns(table)).length;
  const batchSize = Math.max(1, Math.floor(MAX_PARAMETERS / columnCount));
  for (let start = 0; start < rows.length; start += batchSize) {
    await db.insert(table).values(rows.slice(start, start + batchSize));
  }
}

/**
 * Inserts a whole hub. Call it inside a transaction: a failure half-way must leave the
 * database as it was. Tandems go in with their final status; the capacity trigger counts the
 * slot-holding ones, so the mentors' capacity check applies to the generated data too.
 */
export async function insertHubRows(db: Executor, rows: HubRows): Promise<void> {
  await insertInBatches(db, partners, rows.partners);
  await insertInBatches(db, users, rows.users);
  await insertInBatches(db, mentorProfiles, rows.mentorProfiles);
  await insertInBatches(db, menteeProfiles, rows.menteeProfiles);
  await insertInBatches(db, consents, rows.consents);
  await insertInBatches(db, programs, rows.programs);
  await insertInBatches(db, cohorts, rows.cohorts);
  await insertInBatches(db, programMentors, rows.programMentors);
  await insertInBatches(db, enrolments, rows.enrolments);
  await insertInBatches(db, tandems, rows.tandems);
  await insertInBatches(db, tandemStatusHistory, rows.tandemStatusHistory);
  await insertInBatches(db, meetings, rows.meetings);
  await insertInBatches(db, goals, rows.goals);
  await insertInBatches(db, checkIns, rows.checkIns);
  await insertInBatches(db, outcomes, rows.outcomes);
  await insertInBatches(db, alerts, rows.alerts);
  await insertInBatches(db, notes, rows.notes);
  await insertInBatches(db, pairExclusions, rows.pairExclusions);
}
