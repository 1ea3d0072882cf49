import { aliasedTable, and, asc, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { PartnerScope } from '../../domain/policies.ts';
import type { Executor } from '../client.ts';
import { alerts, menteeProfiles, programs, tandems, users } from '../schema/index.ts';
import type { AlertRow } from './tandems-repository.ts';

/** An alert with what its inbox shows: the mentee, the tandem's programme. */
export type AlertListing = {
  alert: AlertRow;
  menteeFirstName: string | null;
  menteeLastName: string | null;
  programId: string | null;
  programName: string | null;
};

/**
 * The scope condition: a referrer sees the alerts about their own partner's mentees only,
 * by the mentee's current partner (not the one recorded when the alert was raised).
 */
const inScope = (scope: PartnerScope): SQL | undefined =>
  scope.kind === 'all' ? undefined : eq(menteeProfiles.partnerId, scope.partnerId);

/**
 * Alerts not yet resolved, in the reader's scope, what needs action first: open ones before
 * acknowledged ones, then the longest waiting.
 */
export async function findUnresolvedAlerts(
  db: Executor,
  filter: { scope: PartnerScope; kinds?: readonly AlertRow['kind'][]; programId?: string },
): Promise<AlertListing[]> {
  return db
    .select({
      alert: alerts,
      menteeFirstName: users.firstName,
      menteeLastName: users.lastName,
      programId: programs.id,
      programName: programs.name,
    })
    .from(alerts)
    .leftJoin(users, eq(users.id, alerts.menteeId))
    .leftJoin(menteeProfiles, eq(menteeProfiles.userId, alerts.menteeId))
    .leftJoin(tandems, eq(tandems.id, alerts.tandemId))
    .leftJoin(programs, eq(programs.id, tandems.programId))
    .where(
      and(
        ne(alerts.status, 'resolved'),
        inScope(filter.scope),
        filter.kinds?.length ? inArray(alerts.kind, [...filter.kinds]) : undefined,
        filter.programId ? eq(tandems.programId, filter.programId) : undefined,
      ),
    )
    .orderBy(sql`${alerts.status} = 'open' desc`, asc(alerts.createdAt), asc(alerts.id))
    .limit(500);
}

/** One alert in the reader's scope, locked until the transaction ends. */
export async function lockAlertInScope(
  db: Executor,
  id: string,
  scope: PartnerScope,
): Promise<AlertRow | undefined> {
  const [row] = await db
    .select({ alert: alerts })
    .from(alerts)
    .leftJoin(menteeProfiles, eq(menteeProfiles.userId, alerts.menteeId))
    .where(and(eq(alerts.id, id), inScope(scope)))
    .for('update', { of: alerts });
  return row?.alert;
}

/** Marks an alert acknowledged or resolved. */
export async function updateAlertStatus(
  db: Executor,
  id: string,
  changes: Pick<AlertRow, 'status'> &
    Partial<Pick<AlertRow, 'acknowledgedAt' | 'resolvedAt' | 'resolvedBy'>>,
): Promise<AlertRow> {
  const [row] = await db.update(alerts).set(changes).where(eq(alerts.id, id)).returning();
  if (!row) throw new Error(`alert ${id} vanished`);
  return row;
}

/** A tandem as the follow-up overview shows it: no profile, no meeting content, no notes. */
export type TandemOverviewRow = {
  tandemId: string;
  status: (typeof tandems.$inferSelect)['status'];
  menteeId: string;
  menteeFirstName: string;
  menteeLastName: string;
  mentorFirstName: string;
  startedAt: Date | null;
  endedAt: Date | null;
  lastMeetingAt: Date | null;
  openAlerts: number;
};

/**
 * The tandems of the mentees in scope (a referrer's own partner's only), current ones first:
 * status, the last held meeting's date and the count of unresolved alerts.
 */
export async function findTandemOverview(
  db: Executor,
  scope: PartnerScope,
): Promise<TandemOverviewRow[]> {
  const mentors = aliasedTable(users, 'mentor_user');
  const lastMeetingAt = sql<
    string | null
  >`(select max(m.occurs_at) from meetings m where m.tandem_id = ${tandems.id} and m.status = 'held')`;
  const openAlerts = sql<number>`(select count(*)::int from alerts a where a.tandem_id = ${tandems.id} and a.status <> 'resolved')`;
  const rows = await db
    .select({
      tandemId: tandems.id,
      status: tandems.status,
      menteeId: tandems.menteeId,
      menteeFirstName: users.firstName,
      menteeLastName: users.lastName,
      mentorFirstName: mentors.firstName,
      startedAt: tandems.startedAt,
      endedAt: tandems.endedAt,
      lastMeetingAt,
      openAlerts,
    })
    .from(tandems)
    .innerJoin(users, eq(users.id, tandems.menteeId))
    .innerJoin(mentors, eq(mentors.id, tandems.mentorId))
    .innerJoin(menteeProfiles, eq(menteeProfiles.userId, tandems.menteeId))
    .where(
      and(
        inArray(tandems.status, ['proposed', 'accepted', 'active', 'completed', 'ended_early']),
        inScope(scope),
      ),
    )
    .orderBy(
      sql`${tandems.status} in ('proposed', 'accepted', 'active') desc`,
      desc(tandems.createdAt),
      asc(tandems.id),
    )
    .limit(500);
  return rows.map((row) => ({
    ...row,
    lastMeetingAt: row.lastMeetingAt === null ? null : new Date(row.lastMeetingAt),
    openAlerts: Number(row.openAlerts),
  }));
}
