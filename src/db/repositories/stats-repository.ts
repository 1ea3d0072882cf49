import { count, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { menteeProfiles, mentorProfiles, partners, tandems, users } from '../schema/index.ts';
import type { TandemStatus } from '../../domain/tandems.ts';

/** Head counts of the hub, every status included (erased people still count: figures stay true). */
export type PeopleAndTandemCounts = {
  mentors: number;
  mentees: number;
  partners: number;
  tandems: number;
};

/** Counts mentor profiles, mentee profiles, partner organisations and tandem rows. */
export async function countPeopleAndTandems(db: Executor): Promise<PeopleAndTandemCounts> {
  // One round trip: the CLI and the future HTTP route both call this on every request.
  const [row] = await db
    .select({
      mentors: sql<number>`(select count(*)::int from ${mentorProfiles})`,
      mentees: sql<number>`(select count(*)::int from ${menteeProfiles})`,
      partners: sql<number>`(select count(*)::int from ${partners})`,
      tandems: sql<number>`(select count(*)::int from ${tandems})`,
    })
    .from(sql`(select 1) as one`);
  return {
    mentors: Number(row?.mentors ?? 0),
    mentees: Number(row?.mentees ?? 0),
    partners: Number(row?.partners ?? 0),
    tandems: Number(row?.tandems ?? 0),
  };
}

/** Tandem rows per status; statuses without any tandem are absent. */
export async function countTandemsByStatus(
  db: Executor,
): Promise<Partial<Record<TandemStatus, number>>> {
  const rows = await db
    .select({ status: tandems.status, value: count() })
    .from(tandems)
    .groupBy(tandems.status);
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.value)]));
}

/** Whether any mentor, mentee or partner exists: the people data a demo must not mix with. */
export async function hasAnyMentorMenteeOrPartner(db: Executor): Promise<boolean> {
  const [row] = await db
    .select({
      found: sql<boolean>`exists (select 1 from ${mentorProfiles})
        or exists (select 1 from ${menteeProfiles})
        or exists (select 1 from ${partners})
        or exists (select 1 from ${users} where ${users.role} in ('mentor', 'mentee', 'referrer'))`,
    })
    .from(sql`(select 1) as one`);
  return row?.found === true;
}
