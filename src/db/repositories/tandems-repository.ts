import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import {
  alerts,
  communes,
  checkIns,
  goals,
  meetings,
  notes,
  tandems,
  tandemStatusHistory,
  usedActionLinks,
  users,
} from '../schema/index.ts';

export type TandemRow = typeof tandems.$inferSelect;
export type NewTandem = typeof tandems.$inferInsert;
export type TandemChanges = Partial<Omit<NewTandem, 'id' | 'menteeId' | 'mentorId' | 'programId'>>;
export type StatusHistoryRow = typeof tandemStatusHistory.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;
export type GoalRow = typeof goals.$inferSelect;
export type CheckInRow = typeof checkIns.$inferSelect;
export type AlertRow = typeof alerts.$inferSelect;

/** The capacity check of `mentor_profiles`, which the tandem trigger's update can break. */
export const MENTOR_CAPACITY_CHECK = 'mentor_capacity_not_exceeded';
/** One slot-holding tandem per mentee and programme. */
export const ONE_CURRENT_TANDEM_INDEX = 'tandems_one_current_per_mentee_program';

/** Inserts tandems and returns them in the same order. */
export async function insertTandems(
  db: Executor,
  rows: readonly NewTandem[],
): Promise<TandemRow[]> {
  if (rows.length === 0) return [];
  return db
    .insert(tandems)
    .values([...rows])
    .returning();
}

/** The tandem with this id. */
export async function findTandem(db: Executor, id: string): Promise<TandemRow | undefined> {
  const [row] = await db.select().from(tandems).where(eq(tandems.id, id));
  return row;
}

/** The tandem, locked until the transaction ends: two answers to one proposal take turns. */
export async function lockTandem(db: Executor, id: string): Promise<TandemRow | undefined> {
  const [row] = await db.select().from(tandems).where(eq(tandems.id, id)).for('update');
  return row;
}

/** Applies changes to a tandem and returns it. */
export async function updateTandem(
  db: Executor,
  id: string,
  changes: TandemChanges,
): Promise<TandemRow> {
  const [row] = await db.update(tandems).set(changes).where(eq(tandems.id, id)).returning();
  if (!row) throw new Error('tandem vanished inside its own transaction');
  return row;
}

/** Records one status change of a tandem. */
export async function insertStatusHistory(
  db: Executor,
  rows: readonly (typeof tandemStatusHistory.$inferInsert)[],
): Promise<void> {
  if (rows.length > 0) await db.insert(tandemStatusHistory).values([...rows]);
}

/** A tandem's status changes, oldest first. */
export async function listStatusHistory(db: Executor, tandemId: string) {
  return db
    .select()
    .from(tandemStatusHistory)
    .where(eq(tandemStatusHistory.tandemId, tandemId))
    .orderBy(asc(tandemStatusHistory.id));
}

/**
 * Open proposals whose reminder is due (`remindFrom` ≤ deadline − lead time) and not yet
 * sent, and open proposals past their deadline — the deadline job's two lists.
 */
export async function findProposalsToRemind(
  db: Executor,
  now: Date,
  leadDays: number,
): Promise<TandemRow[]> {
  return db
    .select()
    .from(tandems)
    .where(
      and(
        eq(tandems.status, 'proposed'),
        isNull(tandems.replyReminderSentAt),
        sql`${tandems.replyDeadlineAt} - make_interval(days => ${leadDays}) <= ${now.toISOString()}::timestamptz`,
        sql`${tandems.replyDeadlineAt} > ${now.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(tandems.replyDeadlineAt));
}

/** Open proposals whose reply deadline has passed. */
export async function findExpiredProposals(db: Executor, now: Date): Promise<TandemRow[]> {
  return db
    .select()
    .from(tandems)
    .where(and(eq(tandems.status, 'proposed'), lte(tandems.replyDeadlineAt, now)))
    .orderBy(asc(tandems.replyDeadlineAt));
}

/** Inserts a meeting and returns it. */
export async function insertMeeting(
  db: Executor,
  values: typeof meetings.$inferInsert,
): Promise<MeetingRow> {
  const [row] = await db.insert(meetings).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** A tandem's meetings, most recent first. */
export async function listMeetings(db: Executor, tandemId: string): Promise<MeetingRow[]> {
  return db
    .select()
    .from(meetings)
    .where(eq(meetings.tandemId, tandemId))
    .orderBy(sql`${meetings.occursAt} desc`, asc(meetings.id));
}

/** A private note on a meeting, seen by its author only. */
export async function insertPrivateMeetingNote(
  db: Executor,
  values: { authorId: string; tandemId: string; meetingId: string; body: string; at: Date },
): Promise<void> {
  await db.insert(notes).values({
    authorId: values.authorId,
    visibility: 'private',
    tandemId: values.tandemId,
    meetingId: values.meetingId,
    body: values.body,
    createdAt: values.at,
  });
}

/** The private meeting notes of one author on a tandem: nobody else's are ever returned. */
export async function listOwnMeetingNotes(db: Executor, tandemId: string, authorId: string) {
  return db
    .select({ meetingId: notes.meetingId, body: notes.body, createdAt: notes.createdAt })
    .from(notes)
    .where(
      and(
        eq(notes.tandemId, tandemId),
        eq(notes.authorId, authorId),
        eq(notes.visibility, 'private'),
        sql`${notes.meetingId} is not null`,
      ),
    )
    .orderBy(asc(notes.createdAt));
}

/** Inserts a goal or next step and returns it. */
export async function insertGoal(
  db: Executor,
  values: typeof goals.$inferInsert,
): Promise<GoalRow> {
  const [row] = await db.insert(goals).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** A tandem's goals and next steps, oldest first. */
export async function listGoals(db: Executor, tandemId: string): Promise<GoalRow[]> {
  return db.select().from(goals).where(eq(goals.tandemId, tandemId)).orderBy(asc(goals.createdAt));
}

/** Changes a goal of a tandem; undefined when the goal is not the tandem's. */
export async function updateGoal(
  db: Executor,
  tandemId: string,
  goalId: string,
  changes: Partial<Pick<GoalRow, 'status' | 'title' | 'description' | 'dueOn' | 'achievedAt'>>,
): Promise<GoalRow | undefined> {
  const [row] = await db
    .update(goals)
    .set(changes)
    .where(and(eq(goals.id, goalId), eq(goals.tandemId, tandemId)))
    .returning();
  return row;
}

/** Inserts check-ins and returns them. */
export async function insertCheckIns(
  db: Executor,
  rows: readonly (typeof checkIns.$inferInsert)[],
): Promise<CheckInRow[]> {
  if (rows.length === 0) return [];
  return db
    .insert(checkIns)
    .values([...rows])
    .returning();
}

/** The check-in, locked until the transaction ends (an answer is recorded once). */
export async function lockCheckIn(db: Executor, id: string): Promise<CheckInRow | undefined> {
  const [row] = await db.select().from(checkIns).where(eq(checkIns.id, id)).for('update');
  return row;
}

/** A tandem's check-ins of one kind. */
export async function listCheckIns(
  db: Executor,
  tandemId: string,
  kind?: CheckInRow['kind'],
): Promise<CheckInRow[]> {
  return db
    .select()
    .from(checkIns)
    .where(and(eq(checkIns.tandemId, tandemId), kind ? eq(checkIns.kind, kind) : undefined))
    .orderBy(asc(checkIns.dueAt), asc(checkIns.side));
}

/** Records a check-in's answer. */
export async function answerCheckIn(
  db: Executor,
  id: string,
  answer: Pick<CheckInRow, 'answeredAt' | 'isGoodFit' | 'satisfaction' | 'comment'>,
): Promise<CheckInRow> {
  const [row] = await db
    .update(checkIns)
    .set({ ...answer, status: 'answered' })
    .where(eq(checkIns.id, id))
    .returning();
  if (!row) throw new Error('check-in vanished inside its own transaction');
  return row;
}

/** Raises an alert unless the same one (same `dedupeKey`) is still open. */
export async function raiseAlert(
  db: Executor,
  values: typeof alerts.$inferInsert,
): Promise<AlertRow | undefined> {
  const [row] = await db
    .insert(alerts)
    .values(values)
    .onConflictDoNothing({
      target: alerts.dedupeKey,
      where: sql`${alerts.status} <> 'resolved'`,
    })
    .returning();
  return row;
}

/** The alerts about a tandem, oldest first. */
export async function listAlertsOfTandem(db: Executor, tandemId: string): Promise<AlertRow[]> {
  return db
    .select()
    .from(alerts)
    .where(eq(alerts.tandemId, tandemId))
    .orderBy(asc(alerts.createdAt));
}

/**
 * Marks a one-click link used. False when it already was: the caller refuses a replay. Runs
 * in the action's transaction, so a link whose action fails stays usable.
 */
export async function markActionLinkUsed(
  db: Executor,
  values: { linkId: string; purpose: string; userId: string; usedAt: Date },
): Promise<boolean> {
  const rows = await db
    .insert(usedActionLinks)
    .values(values)
    .onConflictDoNothing()
    .returning({ linkId: usedActionLinks.linkId });
  return rows.length === 1;
}

/** Whether a one-click link has been used. */
export async function isActionLinkUsed(db: Executor, linkId: string): Promise<boolean> {
  const [row] = await db
    .select({ linkId: usedActionLinks.linkId })
    .from(usedActionLinks)
    .where(eq(usedActionLinks.linkId, linkId));
  return row !== undefined;
}

/** Active hub coordinators, who receive alerts when no one in particular is in charge. */
export async function findActiveCoordinators(db: Executor) {
  return db
    .select()
    .from(users)
    .where(and(eq(users.role, 'coordinator'), eq(users.status, 'active'), isNull(users.erasedAt)))
    .orderBy(asc(users.createdAt));
}

/** Users by id (for e-mails), in no particular order. */
export async function findUsersByIds(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(users)
    .where(inArray(users.id, [...ids]));
}

/** Commune names by code, for what people read ("Marseille 13e Arrondissement"). */
export async function findCommuneNames(
  db: Executor,
  codes: readonly string[],
): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .select({ code: communes.code, name: communes.name })
    .from(communes)
    .where(inArray(communes.code, [...codes]));
  return new Map(rows.map((row) => [row.code, row.name]));
}
