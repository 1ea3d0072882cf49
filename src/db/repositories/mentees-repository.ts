import { and, asc, count, eq, ilike, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { consents, enrolments, menteeProfiles, partners, tandems, users } from '../schema/index.ts';
import type { PartnerScope } from '../../domain/policies.ts';
import { containsFolded } from './text-search.ts';

export type MenteeProfileRow = typeof menteeProfiles.$inferSelect;
export type MenteeFile = {
  user: typeof users.$inferSelect;
  profile: MenteeProfileRow;
  partnerName: string | null;
};

/** Filters of the coordinators' mentee search. */
export type MenteeSearch = {
  scope: PartnerScope;
  track?: MenteeProfileRow['track'] | undefined;
  status?: MenteeProfileRow['status'] | undefined;
  partnerId?: string | undefined;
  programId?: string | undefined;
  communeCode?: string | undefined;
  /** NAF prefix: a division (62), a groupe (62.0) or a full code. */
  sector?: string | undefined;
  /** Waiting since at least this moment. */
  waitingSinceBefore?: Date | undefined;
  /** Name or e-mail contains. */
  query?: string | undefined;
  limit: number;
  offset: number;
};

/** Inserts a mentee's profile. */
export async function insertMenteeProfile(
  db: Executor,
  values: typeof menteeProfiles.$inferInsert,
): Promise<void> {
  await db.insert(menteeProfiles).values(values);
}

/** Records consents. */
export async function insertConsents(
  db: Executor,
  rows: (typeof consents.$inferInsert)[],
): Promise<void> {
  if (rows.length > 0) await db.insert(consents).values(rows);
}

/** Enrols a mentee in a programme. */
export async function insertEnrolment(
  db: Executor,
  values: typeof enrolments.$inferInsert,
): Promise<void> {
  await db.insert(enrolments).values(values).onConflictDoNothing();
}

/** A mentee's whole file: account, profile and partner name. */
export async function findMenteeFile(
  db: Executor,
  userId: string,
): Promise<MenteeFile | undefined> {
  const [row] = await db
    .select({ user: users, profile: menteeProfiles, partnerName: partners.name })
    .from(menteeProfiles)
    .innerJoin(users, eq(users.id, menteeProfiles.userId))
    .leftJoin(partners, eq(partners.id, menteeProfiles.partnerId))
    .where(eq(menteeProfiles.userId, userId));
  return row;
}

/** The consents recorded for a person, oldest first. */
export async function findConsentsOf(db: Executor, userId: string) {
  return db
    .select()
    .from(consents)
    .where(eq(consents.userId, userId))
    .orderBy(asc(consents.givenAt));
}

/** Changes profile fields. */
export async function updateMenteeProfile(
  db: Executor,
  userId: string,
  values: Partial<typeof menteeProfiles.$inferInsert>,
): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await db.update(menteeProfiles).set(values).where(eq(menteeProfiles.userId, userId));
}

/** Whether a mentor and a mentee share a tandem, in any state (a proposal included). */
export async function hasTandemBetween(
  db: Executor,
  mentorId: string,
  menteeId: string,
): Promise<boolean> {
  const [row] = await db
    .select({ value: count() })
    .from(tandems)
    .where(and(eq(tandems.mentorId, mentorId), eq(tandems.menteeId, menteeId)));
  return (row?.value ?? 0) > 0;
}

/**
 * The coordinators' and referrers' mentee search. Partner isolation is part of the WHERE
 * clause: a referrer's scope can never be widened by a filter.
 */
export async function searchMentees(
  db: Executor,
  search: MenteeSearch,
): Promise<{ items: MenteeFile[]; total: number }> {
  const conditions: SQL[] = [];
  if (search.scope.kind === 'partner') {
    conditions.push(eq(menteeProfiles.partnerId, search.scope.partnerId));
  }
  if (search.partnerId) conditions.push(eq(menteeProfiles.partnerId, search.partnerId));
  if (search.track) conditions.push(eq(menteeProfiles.track, search.track));
  if (search.status) conditions.push(eq(menteeProfiles.status, search.status));
  if (search.communeCode) conditions.push(eq(menteeProfiles.communeCode, search.communeCode));
  if (search.sector) {
    conditions.push(ilike(menteeProfiles.businessSectorCode, `${escapeLike(search.sector)}%`));
  }
  if (search.waitingSinceBefore) {
    conditions.push(
      and(
        isNotNull(menteeProfiles.waitingSince),
        lte(menteeProfiles.waitingSince, search.waitingSinceBefore),
      )!,
    );
  }
  if (search.programId) {
    conditions.push(
      sql`exists (select 1 from ${enrolments} where ${enrolments.menteeId} = ${menteeProfiles.userId} and ${enrolments.programId} = ${search.programId})`,
    );
  }
  if (search.query) {
    conditions.push(
      containsFolded(
        sql`concat_ws(' ', ${users.firstName}, ${users.lastName}, ${users.email})`,
        search.query,
      ),
    );
  }
  conditions.push(sql`${users.erasedAt} IS NULL`);
  const where = and(...conditions);
  const [totalRow] = await db
    .select({ value: count() })
    .from(menteeProfiles)
    .innerJoin(users, eq(users.id, menteeProfiles.userId))
    .where(where);
  const items = await db
    .select({ user: users, profile: menteeProfiles, partnerName: partners.name })
    .from(menteeProfiles)
    .innerJoin(users, eq(users.id, menteeProfiles.userId))
    .leftJoin(partners, eq(partners.id, menteeProfiles.partnerId))
    .where(where)
    .orderBy(asc(menteeProfiles.waitingSince), asc(users.lastName), asc(users.id))
    .limit(search.limit)
    .offset(search.offset);
  return { items, total: totalRow?.value ?? 0 };
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}
