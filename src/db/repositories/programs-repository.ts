import { and, asc, count, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { PartnerScope } from '../../domain/policies.ts';
import type { Executor } from '../client.ts';
import {
  cohorts,
  enrolments,
  matchingRounds,
  mentorProfiles,
  programMentors,
  programs,
  tandems,
  users,
} from '../schema/index.ts';
import { likePattern } from './partners-repository.ts';

export type ProgramRow = typeof programs.$inferSelect;
export type NewProgram = typeof programs.$inferInsert;
/** The fields of a programme that staff may edit (never `isDefault`, never `isActive` here). */
export type ProgramChanges = Partial<
  Pick<
    NewProgram,
    | 'name'
    | 'description'
    | 'partnerId'
    | 'tracks'
    | 'durationMonths'
    | 'checkInMonths'
    | 'proposalDeadlineDays'
    | 'restrictToDedicatedMentors'
    | 'matchingWeights'
    | 'minimumScore'
  >
>;
export type CohortRow = typeof cohorts.$inferSelect;
export type NewCohort = typeof cohorts.$inferInsert;
export type CohortChanges = Partial<Pick<NewCohort, 'name' | 'startsOn' | 'endsOn'>>;

/** The foreign key from a programme to its partner. */
export const PROGRAM_PARTNER_FK = 'programs_partner_id_partners_id_fk';
/** The unique constraint on a cohort's name within its programme. */
export const COHORT_NAME_UNIQUE = 'cohorts_programId_name_unique';
/** The check that a cohort does not end before it starts. */
export const COHORT_DATES_CHECK = 'cohort_dates';

/**
 * Which programmes a scope may see: staff see them all; a referrer sees the active ones open
 * to every partner or reserved for their own, i.e. those they may enrol people in.
 */
function visibleTo(scope: PartnerScope): SQL | undefined {
  if (scope.kind === 'all') return undefined;
  return and(
    eq(programs.isActive, true),
    or(isNull(programs.partnerId), eq(programs.partnerId, scope.partnerId)),
  );
}

/** Filters and page for `listProgramsInScope`. */
export type ProgramListQuery = {
  scope: PartnerScope;
  search?: string | undefined;
  isActive?: boolean | undefined;
  partnerId?: string | undefined;
  limit: number;
  offset: number;
};

/** Inserts a programme and returns it. */
export async function insertProgram(db: Executor, values: NewProgram): Promise<ProgramRow> {
  const [row] = await db.insert(programs).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** The programme with this id, if `scope` may see it. */
export async function findProgramInScope(
  db: Executor,
  id: string,
  scope: PartnerScope,
): Promise<ProgramRow | undefined> {
  const [row] = await db
    .select()
    .from(programs)
    .where(and(eq(programs.id, id), visibleTo(scope)));
  return row;
}

/** The programme with this id, locked until the end of the transaction (for edits). */
export async function findProgramForUpdate(
  db: Executor,
  id: string,
): Promise<ProgramRow | undefined> {
  const [row] = await db.select().from(programs).where(eq(programs.id, id)).for('update');
  return row;
}

/** One page of the programmes `scope` may see — the general programme first, then by name. */
export async function listProgramsInScope(
  db: Executor,
  query: ProgramListQuery,
): Promise<{ items: ProgramRow[]; total: number }> {
  const where = and(
    visibleTo(query.scope),
    query.search ? ilike(programs.name, likePattern(query.search)) : undefined,
    query.isActive === undefined ? undefined : eq(programs.isActive, query.isActive),
    query.partnerId ? eq(programs.partnerId, query.partnerId) : undefined,
  );
  const items = await db
    .select()
    .from(programs)
    .where(where)
    .orderBy(sql`${programs.isDefault} DESC`, asc(sql`lower(${programs.name})`), asc(programs.id))
    .limit(query.limit)
    .offset(query.offset);
  const [counted] = await db.select({ total: count() }).from(programs).where(where);
  return { items, total: counted?.total ?? 0 };
}

/** Applies edits to a programme and returns it. */
export async function updateProgram(
  db: Executor,
  id: string,
  changes: ProgramChanges,
): Promise<ProgramRow | undefined> {
  const [row] = await db.update(programs).set(changes).where(eq(programs.id, id)).returning();
  return row;
}

/** Activates or deactivates a programme. */
export async function setProgramActive(
  db: Executor,
  id: string,
  isActive: boolean,
): Promise<ProgramRow | undefined> {
  const [row] = await db.update(programs).set({ isActive }).where(eq(programs.id, id)).returning();
  return row;
}

/**
 * Whether anything records the programme's history: enrolments, tandems or matching rounds.
 * Such a programme is deactivated, never deleted (deleting would cascade to enrolments).
 */
export async function hasProgramHistory(db: Executor, id: string): Promise<boolean> {
  const probes = [
    db
      .select({ one: sql`1` })
      .from(enrolments)
      .where(eq(enrolments.programId, id))
      .limit(1),
    db
      .select({ one: sql`1` })
      .from(tandems)
      .where(eq(tandems.programId, id))
      .limit(1),
    db
      .select({ one: sql`1` })
      .from(matchingRounds)
      .where(eq(matchingRounds.programId, id))
      .limit(1),
  ];
  for (const probe of probes) if ((await probe).length > 0) return true;
  return false;
}

/** Deletes a programme with its cohorts and dedicated mentors. */
export async function deleteProgram(db: Executor, id: string): Promise<void> {
  await db.delete(programs).where(eq(programs.id, id));
}

/** Inserts a cohort and returns it. */
export async function insertCohort(db: Executor, values: NewCohort): Promise<CohortRow> {
  const [row] = await db.insert(cohorts).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** The cohort with this id within this programme. */
export async function findCohortOfProgram(
  db: Executor,
  programId: string,
  cohortId: string,
): Promise<CohortRow | undefined> {
  const [row] = await db
    .select()
    .from(cohorts)
    .where(and(eq(cohorts.id, cohortId), eq(cohorts.programId, programId)));
  return row;
}

/** A programme's cohorts, the most recent start first. */
export async function listCohortsOfProgram(db: Executor, programId: string): Promise<CohortRow[]> {
  return db
    .select()
    .from(cohorts)
    .where(eq(cohorts.programId, programId))
    .orderBy(sql`${cohorts.startsOn} DESC`, asc(cohorts.name), asc(cohorts.id));
}

/** Applies edits to a cohort and returns it. */
export async function updateCohort(
  db: Executor,
  cohortId: string,
  changes: CohortChanges,
): Promise<CohortRow | undefined> {
  const [row] = await db.update(cohorts).set(changes).where(eq(cohorts.id, cohortId)).returning();
  return row;
}

/** Whether the user has a mentor profile (whatever its status). */
export async function hasMentorProfile(db: Executor, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: mentorProfiles.userId })
    .from(mentorProfiles)
    .where(eq(mentorProfiles.userId, userId));
  return row !== undefined;
}

/** A mentor dedicated to a programme, with what staff need to recognise them. */
export type DedicatedMentorRow = {
  mentorId: string;
  firstName: string;
  lastName: string;
  mentorStatus: (typeof mentorProfiles.$inferSelect)['status'];
  cohortId: string | null;
  addedAt: Date;
};

/**
 * Dedicates a mentor to a programme (optionally one cohort). Dedicating again only moves
 * the mentor to the given cohort: a mentor is dedicated to a programme once.
 */
export async function upsertProgramMentor(
  db: Executor,
  values: { programId: string; mentorId: string; cohortId: string | null; addedAt: Date },
): Promise<void> {
  await db
    .insert(programMentors)
    .values(values)
    .onConflictDoUpdate({
      target: [programMentors.programId, programMentors.mentorId],
      set: { cohortId: values.cohortId },
    });
}

/** Ends a mentor's dedication to a programme; false when they were not dedicated to it. */
export async function deleteProgramMentor(
  db: Executor,
  programId: string,
  mentorId: string,
): Promise<boolean> {
  const rows = await db
    .delete(programMentors)
    .where(and(eq(programMentors.programId, programId), eq(programMentors.mentorId, mentorId)))
    .returning({ mentorId: programMentors.mentorId });
  return rows.length > 0;
}

/** The dedicated mentor of a programme with this id, if they are one. */
export async function findProgramMentor(
  db: Executor,
  programId: string,
  mentorId: string,
): Promise<DedicatedMentorRow | undefined> {
  const [row] = await selectDedicatedMentors(db).where(
    and(eq(programMentors.programId, programId), eq(programMentors.mentorId, mentorId)),
  );
  return row;
}

/** A programme's dedicated mentors, by name. */
export async function listProgramMentors(
  db: Executor,
  programId: string,
): Promise<DedicatedMentorRow[]> {
  return selectDedicatedMentors(db)
    .where(eq(programMentors.programId, programId))
    .orderBy(asc(users.lastName), asc(users.firstName), asc(users.id));
}

function selectDedicatedMentors(db: Executor) {
  return db
    .select({
      mentorId: programMentors.mentorId,
      firstName: users.firstName,
      lastName: users.lastName,
      mentorStatus: mentorProfiles.status,
      cohortId: programMentors.cohortId,
      addedAt: programMentors.addedAt,
    })
    .from(programMentors)
    .innerJoin(users, eq(users.id, programMentors.mentorId))
    .innerJoin(mentorProfiles, eq(mentorProfiles.userId, programMentors.mentorId))
    .$dynamic();
}
