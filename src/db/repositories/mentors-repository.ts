import { and, asc, count, desc, eq, gte, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { MentorKind, MentorStatus, Need, Track } from '../../domain/people.ts';
import type { Executor } from '../client.ts';
import { communes, mentorProfiles, nafCodes, programMentors, users } from '../schema/index.ts';
import { containsFolded } from './text-search.ts';
import type { UserRow } from './users-repository.ts';

export type MentorProfileRow = typeof mentorProfiles.$inferSelect;
export type NewMentorProfile = typeof mentorProfiles.$inferInsert;
/** The profile fields a service may change (never the user id, the slot count or the date applied). */
export type MentorProfileChanges = Partial<
  Omit<NewMentorProfile, 'userId' | 'activeTandemCount' | 'appliedAt'>
>;

/** A mentor as services see one: the account, the profile and the programmes they serve. */
export type MentorRecord = {
  user: UserRow;
  profile: MentorProfileRow;
  /** Programmes the mentor is dedicated to (`program_mentors`), sorted. */
  dedicatedProgramIds: string[];
};

/** Filters of the coordinators' mentor search; every one is optional and they combine. */
export type MentorSearchFilters = {
  status?: MentorStatus | undefined;
  kind?: MentorKind | undefined;
  /**
   * A NAF section letter (`J`) or the start of a dotted code (`62`, `62.0`, `62.01Z`). Callers
   * validate its shape, so it never carries `LIKE` wildcards.
   */
  sectorPrefix?: string | undefined;
  /** A commune; a city with arrondissements (Marseille 13055) includes them. */
  communeCode?: string | undefined;
  expertise?: Need | undefined;
  track?: Track | undefined;
  /** Only mentors dedicated to this programme. */
  programId?: string | undefined;
  /** true: at least one free slot; false: at capacity. */
  hasFreeCapacity?: boolean | undefined;
  /** Words found in the name, e-mail, job title or employer, case-insensitively. */
  text?: string | undefined;
};

const dedicatedProgramIds = sql<string[]>`array(
  select ${programMentors.programId}::text from ${programMentors}
  where ${programMentors.mentorId} = ${mentorProfiles.userId}
  order by 1)`;

const mentorSelection = {
  user: users,
  profile: mentorProfiles,
  dedicatedProgramIds,
};

/** Inserts a mentor profile and returns it. */
export async function insertMentorProfile(
  db: Executor,
  values: NewMentorProfile,
): Promise<MentorProfileRow> {
  const [row] = await db.insert(mentorProfiles).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** The mentor with this user id (account, profile, programmes), if they have a profile. */
export async function findMentorById(
  db: Executor,
  mentorId: string,
): Promise<MentorRecord | undefined> {
  const [row] = await db
    .select(mentorSelection)
    .from(mentorProfiles)
    .innerJoin(users, eq(users.id, mentorProfiles.userId))
    .where(eq(mentorProfiles.userId, mentorId));
  return row;
}

/**
 * A mentor's profile row, locked until the transaction ends: two coordinators deciding at once
 * on the same mentor take turns, and the second sees the first one's status.
 */
export async function lockMentorProfile(
  db: Executor,
  mentorId: string,
): Promise<MentorProfileRow | undefined> {
  const [row] = await db
    .select()
    .from(mentorProfiles)
    .where(eq(mentorProfiles.userId, mentorId))
    .for('update');
  return row;
}

/** Changes a mentor's profile fields (status and its dates included). */
export async function updateMentorProfile(
  db: Executor,
  mentorId: string,
  changes: MentorProfileChanges,
): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  await db.update(mentorProfiles).set(changes).where(eq(mentorProfiles.userId, mentorId));
}

/** Changes the name on a mentor's account. */
export async function updateMentorName(
  db: Executor,
  mentorId: string,
  name: { firstName?: string | undefined; lastName?: string | undefined },
): Promise<void> {
  const changes = {
    ...(name.firstName === undefined ? {} : { firstName: name.firstName }),
    ...(name.lastName === undefined ? {} : { lastName: name.lastName }),
  };
  if (Object.keys(changes).length === 0) return;
  await db
    .update(users)
    .set(changes)
    .where(and(eq(users.id, mentorId), eq(users.role, 'mentor')));
}

function searchConditions(filters: MentorSearchFilters): SQL[] {
  const conditions: SQL[] = [isNull(users.erasedAt)];
  if (filters.status) conditions.push(eq(mentorProfiles.status, filters.status));
  if (filters.kind) conditions.push(eq(mentorProfiles.kind, filters.kind));
  if (filters.sectorPrefix) {
    const prefix = filters.sectorPrefix;
    conditions.push(
      /^[A-Z]$/.test(prefix)
        ? sql`left(${mentorProfiles.sectorCode}, 2) in (
            select ${nafCodes.code} from ${nafCodes}
            where ${nafCodes.level} = 'division' and ${nafCodes.parentCode} = ${prefix})`
        : sql`left(${mentorProfiles.sectorCode}, ${prefix.length}) = ${prefix}`,
    );
  }
  if (filters.communeCode) {
    conditions.push(
      sql`${mentorProfiles.communeCode} in (
        select ${communes.code} from ${communes}
        where ${communes.code} = ${filters.communeCode} or ${communes.parentCode} = ${filters.communeCode})`,
    );
  }
  if (filters.expertise) {
    conditions.push(sql`${filters.expertise}::text = any(${mentorProfiles.expertise})`);
  }
  if (filters.track) conditions.push(sql`${filters.track}::track = any(${mentorProfiles.tracks})`);
  if (filters.programId) {
    conditions.push(
      sql`exists (select 1 from ${programMentors}
        where ${programMentors.programId} = ${filters.programId}
          and ${programMentors.mentorId} = ${mentorProfiles.userId})`,
    );
  }
  if (filters.hasFreeCapacity !== undefined) {
    conditions.push(
      filters.hasFreeCapacity
        ? lt(mentorProfiles.activeTandemCount, mentorProfiles.capacity)
        : gte(mentorProfiles.activeTandemCount, mentorProfiles.capacity),
    );
  }
  if (filters.text) {
    conditions.push(
      containsFolded(
        sql`concat_ws(' ', ${users.firstName}, ${users.lastName}, ${users.email},
          ${mentorProfiles.jobTitle}, ${mentorProfiles.employer})`,
        filters.text,
      ),
    );
  }
  return conditions;
}

/**
 * One page of mentors matching `filters`, newest applications first, and how many match in
 * all. Erased people are left out: nothing of them remains to look at.
 */
export async function searchMentors(
  db: Executor,
  filters: MentorSearchFilters,
  page: { page: number; pageSize: number },
): Promise<{ items: MentorRecord[]; total: number }> {
  const where = and(...searchConditions(filters));
  const items = await db
    .select(mentorSelection)
    .from(mentorProfiles)
    .innerJoin(users, eq(users.id, mentorProfiles.userId))
    .where(where)
    .orderBy(desc(mentorProfiles.appliedAt), asc(mentorProfiles.userId))
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
  const [counted] = await db
    .select({ total: count() })
    .from(mentorProfiles)
    .innerJoin(users, eq(users.id, mentorProfiles.userId))
    .where(where);
  return { items, total: counted?.total ?? 0 };
}

/** Paused mentors whose last day of pause is before `today` (`YYYY-MM-DD`): due to come back. */
export async function findMentorIdsPausedUntilBefore(
  db: Executor,
  today: string,
): Promise<string[]> {
  const rows = await db
    .select({ userId: mentorProfiles.userId })
    .from(mentorProfiles)
    .where(and(eq(mentorProfiles.status, 'paused'), lt(mentorProfiles.pausedUntil, today)))
    .orderBy(asc(mentorProfiles.pausedUntil), asc(mentorProfiles.userId));
  return rows.map((row) => row.userId);
}
