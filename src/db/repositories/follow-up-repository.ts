import { and, asc, eq, gte, inArray, isNotNull, lte, notExists, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { alerts, checkIns, meetings, programs, tandems } from '../schema/index.ts';
import type { CheckInRow, TandemRow } from './tandems-repository.ts';

/** Active tandems whose scheduled check-ins were never planned, with their programme's months. */
export async function findActiveTandemsToSchedule(
  db: Executor,
): Promise<{ tandem: TandemRow; checkInMonths: number[] }[]> {
  const rows = await db
    .select({ tandem: tandems, checkInMonths: programs.checkInMonths })
    .from(tandems)
    .innerJoin(programs, eq(programs.id, tandems.programId))
    .where(
      and(
        eq(tandems.status, 'active'),
        isNotNull(tandems.startedAt),
        notExists(
          db
            .select({ id: checkIns.id })
            .from(checkIns)
            .where(and(eq(checkIns.tandemId, tandems.id), eq(checkIns.kind, 'scheduled'))),
        ),
      ),
    )
    .orderBy(asc(tandems.startedAt));
  return rows;
}

/** Tandems that ended since `since` and have no closure check-in yet. */
export async function findEndedTandemsWithoutClosure(
  db: Executor,
  since: Date,
): Promise<TandemRow[]> {
  return db
    .select()
    .from(tandems)
    .where(
      and(
        inArray(tandems.status, ['completed', 'ended_early']),
        gte(tandems.endedAt, since),
        notExists(
          db
            .select({ id: checkIns.id })
            .from(checkIns)
            .where(and(eq(checkIns.tandemId, tandems.id), eq(checkIns.kind, 'closure'))),
        ),
      ),
    )
    .orderBy(asc(tandems.endedAt));
}

/**
 * Check-ins due and not sent yet: scheduled ones of tandems still active (a tandem that has
 * ended gets its closure check-in instead), and closure ones.
 */
export async function findCheckInsToSend(db: Executor, now: Date): Promise<CheckInRow[]> {
  const rows = await db
    .select({ checkIn: checkIns })
    .from(checkIns)
    .innerJoin(tandems, eq(tandems.id, checkIns.tandemId))
    .where(
      and(
        eq(checkIns.status, 'scheduled'),
        lte(checkIns.dueAt, now),
        sql`(${checkIns.kind} = 'closure' OR (${checkIns.kind} = 'scheduled' AND ${tandems.status} = 'active'))`,
      ),
    )
    .orderBy(asc(checkIns.dueAt), asc(checkIns.id));
  return rows.map((row) => row.checkIn);
}

/** Sent survey check-ins still unanswered since `sentBefore`, with fewer than `reminders` reminders. */
export async function findUnansweredCheckIns(
  db: Executor,
  sentBefore: Date,
  reminders: { atLeast: number } | { below: number },
): Promise<CheckInRow[]> {
  return db
    .select()
    .from(checkIns)
    .where(
      and(
        eq(checkIns.status, 'sent'),
        inArray(checkIns.kind, ['scheduled', 'closure']),
        lte(checkIns.sentAt, sentBefore),
        'atLeast' in reminders
          ? gte(checkIns.remindersSent, reminders.atLeast)
          : sql`${checkIns.remindersSent} < ${reminders.below}`,
      ),
    )
    .orderBy(asc(checkIns.sentAt), asc(checkIns.id));
}

/** Changes a check-in (sending, reminding, missing or answering it). */
export async function updateCheckIn(
  db: Executor,
  id: string,
  changes: Partial<Omit<typeof checkIns.$inferInsert, 'id' | 'tandemId' | 'respondentId'>>,
): Promise<CheckInRow> {
  const [row] = await db.update(checkIns).set(changes).where(eq(checkIns.id, id)).returning();
  if (!row) throw new Error(`check-in ${id} vanished`);
  return row;
}

/**
 * Active tandems with no meeting (nor start) since `silentSince`, with the instant of the last
 * sign of life: the newest held meeting, or the start when none was logged.
 */
export async function findSilentTandems(
  db: Executor,
  silentSince: Date,
): Promise<{ tandemId: string; lastMeetingAt: Date }[]> {
  const lastMeeting = db
    .select({
      tandemId: meetings.tandemId,
      lastAt: sql<Date>`max(${meetings.occursAt})`.as('last_at'),
    })
    .from(meetings)
    .where(eq(meetings.status, 'held'))
    .groupBy(meetings.tandemId)
    .as('last_meeting');
  const lastSign = sql<string>`coalesce(${lastMeeting.lastAt}, ${tandems.startedAt})`;
  const rows = await db
    .select({ tandemId: tandems.id, lastAt: lastSign })
    .from(tandems)
    .leftJoin(lastMeeting, eq(lastMeeting.tandemId, tandems.id))
    .where(
      and(
        eq(tandems.status, 'active'),
        isNotNull(tandems.startedAt),
        sql`${lastSign} <= ${silentSince.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(tandems.id));
  return rows.map((row) => ({ tandemId: row.tandemId, lastMeetingAt: new Date(row.lastAt) }));
}

/** Whether an alert with this cause was ever raised, open or resolved. */
export async function wasAlertRaised(db: Executor, dedupeKey: string): Promise<boolean> {
  const [row] = await db
    .select({ id: alerts.id })
    .from(alerts)
    .where(eq(alerts.dedupeKey, dedupeKey))
    .limit(1);
  return row !== undefined;
}
