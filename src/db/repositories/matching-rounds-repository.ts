import { and, asc, eq, exists, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import {
  communes,
  enrolments,
  matchingRounds,
  matchProposals,
  menteeProfiles,
  mentorProfiles,
  pairExclusions,
  programMentors,
  tandems,
  users,
} from '../schema/index.ts';
import type { MenteeProfileRow } from './mentees-repository.ts';
import type { MentorProfileRow } from './mentors-repository.ts';

export type MatchingRoundRow = typeof matchingRounds.$inferSelect;
export type NewMatchingRound = typeof matchingRounds.$inferInsert;
export type MatchProposalRow = typeof matchProposals.$inferSelect;
export type NewMatchProposal = typeof matchProposals.$inferInsert;

/** Where a person lives, as the matching engine needs it (from the commune reference). */
export type PoolPlace = {
  communeCode: string | null;
  parentCode: string | null;
  epciCode: string | null;
  departement: string | null;
  latitude: number | null;
  longitude: number | null;
};

export type PoolPerson = { id: string; firstName: string; lastName: string };

/** A mentor who may receive a proposal, with what the engine scores. */
export type PoolMentor = {
  user: PoolPerson;
  profile: MentorProfileRow;
  /** Null when the commune is unknown or not set. */
  place: PoolPlace | null;
  dedicatedProgramIds: string[];
};

/** A mentee waiting for a mentor, with what the engine scores. */
export type PoolMentee = {
  user: PoolPerson;
  profile: MenteeProfileRow;
  place: PoolPlace | null;
};

/** Which waiting mentees a round covers. */
export type MenteeSelection =
  | { kind: 'program'; programId: string }
  | { kind: 'cohort'; programId: string; cohortId: string }
  | { kind: 'pool' }
  /** Named mentees; `evenInTandem` includes one whose current tandem may be replaced. */
  | { kind: 'mentees'; menteeIds: string[]; evenInTandem?: boolean };

const personColumns = { id: users.id, firstName: users.firstName, lastName: users.lastName };
const placeColumns = {
  communeCode: communes.code,
  parentCode: communes.parentCode,
  epciCode: communes.epciCode,
  departement: communes.departement,
  latitude: communes.latitude,
  longitude: communes.longitude,
};

const dedicatedPrograms = sql<string[]>`array(
  select ${programMentors.programId}::text from ${programMentors}
  where ${programMentors.mentorId} = ${mentorProfiles.userId} order by 1)`;

/** The mentee holds a slot-holding tandem somewhere: no new proposal until it ends. */
const hasCurrentTandem = (menteeColumn: typeof menteeProfiles.userId) =>
  exists(
    sql`(select 1 from ${tandems} where ${tandems.menteeId} = ${menteeColumn}
      and tandem_holds_slot(${tandems.status}))`,
  );

/** An account that can still be reached: not disabled, not erased. */
const isReachable = and(ne(users.status, 'disabled'), isNull(users.erasedAt));

/**
 * Mentors who may be proposed now: active (so not paused, rejected or withdrawn), with a free
 * slot, and — in a programme restricted to its dedicated mentors — dedicated to it (for a
 * cohort: to the programme as a whole or to that cohort). `mentorIds` narrows the list.
 */
export async function findEligibleMentors(
  db: Executor,
  options: {
    restrictToProgram?: { programId: string; cohortId: string | null } | undefined;
    mentorIds?: readonly string[] | undefined;
  },
): Promise<PoolMentor[]> {
  const restriction = options.restrictToProgram;
  const where: (SQL | undefined)[] = [
    eq(mentorProfiles.status, 'active'),
    lt(mentorProfiles.activeTandemCount, mentorProfiles.capacity),
    isReachable,
    options.mentorIds ? inArray(mentorProfiles.userId, [...options.mentorIds]) : undefined,
  ];
  if (restriction) {
    where.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(programMentors)
          .where(
            and(
              eq(programMentors.mentorId, mentorProfiles.userId),
              eq(programMentors.programId, restriction.programId),
              restriction.cohortId
                ? or(
                    isNull(programMentors.cohortId),
                    eq(programMentors.cohortId, restriction.cohortId),
                  )
                : undefined,
            ),
          ),
      ),
    );
  }
  return db
    .select({
      user: personColumns,
      profile: mentorProfiles,
      place: placeColumns,
      dedicatedProgramIds: dedicatedPrograms,
    })
    .from(mentorProfiles)
    .innerJoin(users, eq(users.id, mentorProfiles.userId))
    .leftJoin(communes, eq(communes.code, mentorProfiles.communeCode))
    .where(and(...where))
    .orderBy(asc(mentorProfiles.appliedAt), asc(mentorProfiles.userId));
}

/**
 * Waiting mentees of a selection who hold no current tandem, longest wait first (the
 * engine breaks ties by input order). `mentees` takes any status: a coordinator asking for
 * one person's suggestions means it.
 */
export async function findWaitingMentees(
  db: Executor,
  selection: MenteeSelection,
): Promise<PoolMentee[]> {
  const where: (SQL | undefined)[] = [isReachable];
  if (!(selection.kind === 'mentees' && selection.evenInTandem)) {
    where.push(sql`not ${hasCurrentTandem(menteeProfiles.userId)}`);
  }
  if (selection.kind === 'mentees') {
    where.push(inArray(menteeProfiles.userId, selection.menteeIds));
  } else {
    where.push(eq(menteeProfiles.status, 'waiting'));
  }
  if (selection.kind === 'program' || selection.kind === 'cohort') {
    where.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(enrolments)
          .where(
            and(
              eq(enrolments.menteeId, menteeProfiles.userId),
              eq(enrolments.programId, selection.programId),
              isNull(enrolments.leftAt),
              selection.kind === 'cohort' ? eq(enrolments.cohortId, selection.cohortId) : undefined,
            ),
          ),
      ),
    );
  }
  return db
    .select({ user: personColumns, profile: menteeProfiles, place: placeColumns })
    .from(menteeProfiles)
    .innerJoin(users, eq(users.id, menteeProfiles.userId))
    .leftJoin(communes, eq(communes.code, menteeProfiles.communeCode))
    .where(and(...where))
    .orderBy(
      sql`coalesce(${menteeProfiles.waitingSince}, ${menteeProfiles.referredAt}) asc`,
      asc(menteeProfiles.userId),
    );
}

/**
 * Pairs never to propose again for these mentees: recorded exclusions (declines, conflicts)
 * and every earlier proposal between them that was declined or let expire.
 */
export async function findExcludedPairs(
  db: Executor,
  menteeIds: readonly string[],
): Promise<{ menteeId: string; mentorId: string }[]> {
  if (menteeIds.length === 0) return [];
  const recorded = await db
    .select({ menteeId: pairExclusions.menteeId, mentorId: pairExclusions.mentorId })
    .from(pairExclusions)
    .where(inArray(pairExclusions.menteeId, [...menteeIds]));
  const closed = await db
    .selectDistinct({ menteeId: tandems.menteeId, mentorId: tandems.mentorId })
    .from(tandems)
    .where(
      and(
        inArray(tandems.menteeId, [...menteeIds]),
        inArray(tandems.status, ['declined', 'expired']),
      ),
    );
  return [...recorded, ...closed];
}

/** Records that a pair must never be proposed again; an existing exclusion is kept. */
export async function insertPairExclusion(
  db: Executor,
  values: typeof pairExclusions.$inferInsert,
): Promise<void> {
  await db.insert(pairExclusions).values(values).onConflictDoNothing();
}

/** Inserts a round and returns it. */
export async function insertMatchingRound(
  db: Executor,
  values: NewMatchingRound,
): Promise<MatchingRoundRow> {
  const [row] = await db.insert(matchingRounds).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** Inserts staged proposals. */
export async function insertMatchProposals(
  db: Executor,
  rows: readonly NewMatchProposal[],
): Promise<MatchProposalRow[]> {
  if (rows.length === 0) return [];
  return db
    .insert(matchProposals)
    .values([...rows])
    .returning();
}

/** The round with this id. */
export async function findMatchingRound(
  db: Executor,
  roundId: string,
): Promise<MatchingRoundRow | undefined> {
  const [row] = await db.select().from(matchingRounds).where(eq(matchingRounds.id, roundId));
  return row;
}

/** The round, locked until the transaction ends: staging edits and publishing take turns. */
export async function lockMatchingRound(
  db: Executor,
  roundId: string,
): Promise<MatchingRoundRow | undefined> {
  const [row] = await db
    .select()
    .from(matchingRounds)
    .where(eq(matchingRounds.id, roundId))
    .for('update');
  return row;
}

/** A round's proposals (all statuses, or only `status`), best score first. */
export async function listRoundProposals(
  db: Executor,
  roundId: string,
  status?: MatchProposalRow['status'],
): Promise<MatchProposalRow[]> {
  return db
    .select()
    .from(matchProposals)
    .where(
      and(
        eq(matchProposals.roundId, roundId),
        status ? eq(matchProposals.status, status) : undefined,
      ),
    )
    .orderBy(
      sql`${matchProposals.score} desc`,
      asc(matchProposals.createdAt),
      asc(matchProposals.id),
    );
}

/** Sets proposals' status (staged → removed or published). */
export async function setProposalsStatus(
  db: Executor,
  proposalIds: readonly string[],
  status: MatchProposalRow['status'],
): Promise<void> {
  if (proposalIds.length === 0) return;
  await db
    .update(matchProposals)
    .set({ status })
    .where(inArray(matchProposals.id, [...proposalIds]));
}

/** Deletes removed proposals of a pair in a round, so that the pair can be staged again. */
export async function deleteRemovedProposal(
  db: Executor,
  roundId: string,
  menteeId: string,
  mentorId: string,
): Promise<void> {
  await db
    .delete(matchProposals)
    .where(
      and(
        eq(matchProposals.roundId, roundId),
        eq(matchProposals.menteeId, menteeId),
        eq(matchProposals.mentorId, mentorId),
        eq(matchProposals.status, 'removed'),
      ),
    );
}

/** Marks a round published (or cancelled). */
export async function updateMatchingRound(
  db: Executor,
  roundId: string,
  changes: Partial<Pick<MatchingRoundRow, 'status' | 'publishedAt' | 'publishedBy' | 'summary'>>,
): Promise<MatchingRoundRow> {
  const [row] = await db
    .update(matchingRounds)
    .set(changes)
    .where(eq(matchingRounds.id, roundId))
    .returning();
  if (!row) throw new Error('round vanished inside its own transaction');
  return row;
}

/**
 * Mentor profiles locked in id order, until the transaction ends. Publishing locks every
 * mentor it proposes before counting slots: two publications touching one mentor take turns,
 * and the second counts the first one's tandems. The fixed order prevents deadlocks.
 */
export async function lockMentorProfiles(
  db: Executor,
  mentorIds: readonly string[],
): Promise<MentorProfileRow[]> {
  if (mentorIds.length === 0) return [];
  return db
    .select()
    .from(mentorProfiles)
    .where(inArray(mentorProfiles.userId, [...mentorIds]))
    .orderBy(asc(mentorProfiles.userId))
    .for('update');
}

/** Of these mentees, those who already hold a current tandem. */
export async function findMenteesWithCurrentTandem(
  db: Executor,
  menteeIds: readonly string[],
): Promise<string[]> {
  if (menteeIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ menteeId: tandems.menteeId })
    .from(tandems)
    .where(
      and(inArray(tandems.menteeId, [...menteeIds]), sql`tandem_holds_slot(${tandems.status})`),
    );
  return rows.map((row) => row.menteeId);
}
