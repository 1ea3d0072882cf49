import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createMentee,
  createMentor,
  createProgram,
  createTandem,
  defaultProgramId,
} from '../../test/support/factories.ts';
import { createTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from './client.ts';
import { databaseErrorOf, isConstraintViolation } from './errors.ts';
import { mentorProfiles, tandems } from './schema/index.ts';

let handle: DatabaseHandle;
let programId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  programId = await defaultProgramId(handle.db);
});
afterAll(async () => handle.close());

async function slotCount(mentorId: string): Promise<number> {
  const [row] = await handle.db
    .select({ count: mentorProfiles.activeTandemCount })
    .from(mentorProfiles)
    .where(eq(mentorProfiles.userId, mentorId));
  return row!.count;
}

describe('mentor capacity', () => {
  it('counts the tandems that hold a slot and frees the slot when one ends', async () => {
    const { user: mentor } = await createMentor(handle.db, { capacity: 2 });
    const { user: mentee } = await createMentee(handle.db);
    const tandem = await createTandem(handle.db, {
      menteeId: mentee.id,
      mentorId: mentor.id,
      programId,
    });
    expect(await slotCount(mentor.id)).toBe(1);
    await handle.db.update(tandems).set({ status: 'accepted' }).where(eq(tandems.id, tandem.id));
    expect(await slotCount(mentor.id)).toBe(1);
    await handle.db.update(tandems).set({ status: 'completed' }).where(eq(tandems.id, tandem.id));
    expect(await slotCount(mentor.id)).toBe(0);
    await handle.db.delete(tandems).where(eq(tandems.id, tandem.id));
    expect(await slotCount(mentor.id)).toBe(0);
  });

  it('refuses a tandem beyond capacity', async () => {
    const { user: mentor } = await createMentor(handle.db, { capacity: 1 });
    const first = await createMentee(handle.db);
    const second = await createMentee(handle.db);
    await createTandem(handle.db, { menteeId: first.user.id, mentorId: mentor.id, programId });
    const attempt = createTandem(handle.db, {
      menteeId: second.user.id,
      mentorId: mentor.id,
      programId,
    });
    const error = await attempt.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(isConstraintViolation(error, 'mentor_capacity_not_exceeded')).toBe(true);
    expect(await slotCount(mentor.id)).toBe(1);
  });

  it('lets only one of two concurrent transactions take the last slot', async () => {
    const { user: mentor } = await createMentor(handle.db, { capacity: 2 });
    const holder = await createMentee(handle.db);
    await createTandem(handle.db, { menteeId: holder.user.id, mentorId: mentor.id, programId });
    const contenders = [await createMentee(handle.db), await createMentee(handle.db)];

    // Each transaction checks the count first (as a service would), then inserts and holds its
    // lock for a moment, so that on PostgreSQL both have read "one slot left" before either commits.
    const attempts = contenders.map((mentee) =>
      handle.db.transaction(async (tx) => {
        const [row] = await tx
          .select({ used: mentorProfiles.activeTandemCount, capacity: mentorProfiles.capacity })
          .from(mentorProfiles)
          .where(eq(mentorProfiles.userId, mentor.id));
        expect(row!.used).toBeLessThan(row!.capacity);
        await tx
          .insert(tandems)
          .values({ menteeId: mentee.user.id, mentorId: mentor.id, programId });
        await tx.execute(sql`select pg_sleep(0.3)`);
      }),
    );
    const results = await Promise.allSettled(attempts);
    const fulfilled = results.filter((result) => result.status === 'fulfilled');
    const rejected = results.filter((result) => result.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    const reason = (rejected[0] as PromiseRejectedResult).reason as unknown;
    // On PGlite the second transaction runs after the first and sees the slot taken (its own
    // pre-check fails); on PostgreSQL it blocks on the mentor row and then fails the check.
    if (inject('databaseEngine') === 'postgres') {
      expect(isConstraintViolation(reason, 'mentor_capacity_not_exceeded'), String(reason)).toBe(
        true,
      );
    } else {
      expect(String(reason)).toMatch(/expected 2 to be less than 2/);
    }
    expect(await slotCount(mentor.id)).toBe(2);
    const [{ count } = { count: 0 }] = await handle.db
      .select({ count: sql<number>`count(*)::int` })
      .from(tandems)
      .where(eq(tandems.mentorId, mentor.id));
    expect(count).toBe(2);
  });

  it('refuses to lower a capacity below the tandems in progress', async () => {
    const { user: mentor } = await createMentor(handle.db, { capacity: 2 });
    for (const mentee of [await createMentee(handle.db), await createMentee(handle.db)]) {
      await createTandem(handle.db, { menteeId: mentee.user.id, mentorId: mentor.id, programId });
    }
    const error = await handle.db
      .update(mentorProfiles)
      .set({ capacity: 1 })
      .where(eq(mentorProfiles.userId, mentor.id))
      .then(
        () => undefined,
        (reason: unknown) => reason,
      );
    expect(databaseErrorOf(error)?.constraint).toBe('mentor_capacity_not_exceeded');
  });
});

describe('one current tandem per mentee and programme', () => {
  it('refuses a second current tandem in the same programme but allows another programme', async () => {
    const { user: mentee } = await createMentee(handle.db);
    const mentors = [
      await createMentor(handle.db, { capacity: 3 }),
      await createMentor(handle.db, { capacity: 3 }),
    ];
    await createTandem(handle.db, {
      menteeId: mentee.id,
      mentorId: mentors[0]!.user.id,
      programId,
    });
    const error = await createTandem(handle.db, {
      menteeId: mentee.id,
      mentorId: mentors[1]!.user.id,
      programId,
    }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(isConstraintViolation(error, 'tandems_one_current_per_mentee_program')).toBe(true);
    const other = await createProgram(handle.db);
    await createTandem(handle.db, {
      menteeId: mentee.id,
      mentorId: mentors[1]!.user.id,
      programId: other.id,
    });
  });

  it('allows a new tandem once the previous one is over', async () => {
    const { user: mentee } = await createMentee(handle.db);
    const { user: mentor } = await createMentor(handle.db, { capacity: 2 });
    const first = await createTandem(handle.db, {
      menteeId: mentee.id,
      mentorId: mentor.id,
      programId,
    });
    await handle.db.update(tandems).set({ status: 'declined' }).where(eq(tandems.id, first.id));
    await createTandem(handle.db, { menteeId: mentee.id, mentorId: mentor.id, programId });
    expect(await slotCount(mentor.id)).toBe(1);
  });
});

describe('foreign keys and enums', () => {
  it('refuses a tandem with a mentor who has no mentor profile', async () => {
    const { user: mentee } = await createMentee(handle.db);
    const { user: other } = await createMentee(handle.db);
    const error = await createTandem(handle.db, {
      menteeId: mentee.id,
      mentorId: other.id,
      programId,
    }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(databaseErrorOf(error)?.code).toBe('23503');
  });

  it('refuses an unknown status', async () => {
    const error = await handle.db.execute(sql`update tandems set status = 'lost' where false`).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(databaseErrorOf(error)?.code).toBe('22P02');
  });
});
