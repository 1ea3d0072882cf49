import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import { menteeProfiles, mentorProfiles, tandems, users } from '../../db/schema/index.ts';
import { isAppError } from '../../domain/errors.ts';
import { SLOT_HOLDING_STATUSES } from '../../domain/tandems.ts';
import { getHubStats } from '../stats/get-hub-stats.ts';
import { isHubEmpty } from '../stats/is-hub-empty.ts';
import { DEMO_FIGURES } from './generate-demo-hub.ts';
import { seedDemoHub, type SeedDemoHubResult } from './seed-demo-hub.ts';

let handle: DatabaseHandle;
let result: SeedDemoHubResult;
let emptyBefore: boolean;

beforeAll(async () => {
  handle = await createTestDatabase();
  emptyBefore = await isHubEmpty(handle.db);
  result = await seedDemoHub(handle.db, { asOf: new Date('2026-09-01T10:00:00Z') });
});
afterAll(async () => handle.close());

describe('seedDemoHub', () => {
  it('loads into a freshly prepared database, which counts as empty', () => {
    expect(emptyBefore).toBe(true);
    expect(result.asOf.toISOString()).toBe('2026-09-01T00:00:00.000Z');
  });

  it('leaves exactly the documented figures', async () => {
    const expected = {
      mentors: DEMO_FIGURES.mentors,
      mentees: DEMO_FIGURES.mentees,
      partners: DEMO_FIGURES.partners,
      tandems: DEMO_FIGURES.tandems,
      tandemsByState: DEMO_FIGURES.tandemsByState,
    };
    expect(result.stats).toEqual(expected);
    expect(await getHubStats(handle.db)).toEqual(expected);
  });

  it('keeps each mentor’s slot count equal to their current tandems, within capacity', async () => {
    const mentors = await handle.db
      .select({
        id: mentorProfiles.userId,
        capacity: mentorProfiles.capacity,
        used: mentorProfiles.activeTandemCount,
      })
      .from(mentorProfiles);
    const current = await handle.db
      .select({ mentorId: tandems.mentorId, count: sql<number>`count(*)::int` })
      .from(tandems)
      .where(inArray(tandems.status, [...SLOT_HOLDING_STATUSES]))
      .groupBy(tandems.mentorId);
    const currentByMentor = new Map(current.map((row) => [row.mentorId, Number(row.count)]));
    for (const mentor of mentors) {
      expect(mentor.used).toBe(currentByMentor.get(mentor.id) ?? 0);
      expect(mentor.used).toBeLessThanOrEqual(mentor.capacity);
    }
    expect([...currentByMentor.values()].reduce((sum, n) => sum + n, 0)).toBe(
      DEMO_FIGURES.tandemsByState.proposed +
        DEMO_FIGURES.tandemsByState.accepted +
        DEMO_FIGURES.tandemsByState.active,
    );
  });

  it('gives every login a real account with its role', async () => {
    for (const login of result.logins) {
      const [user] = await handle.db
        .select({ role: users.role })
        .from(users)
        .where(eq(users.email, login.email));
      expect(user?.role).toBe(login.role);
    }
  });

  it('places people in communes of the Métropole d’Aix-Marseille-Provence', async () => {
    const [row] = await handle.db
      .select({ outside: sql<number>`count(*)::int` })
      .from(menteeProfiles)
      .where(
        sql`${menteeProfiles.communeCode} not in (
          select code from communes where epci_code = '200054807' or parent_code = '13055')`,
      );
    expect(Number(row?.outside)).toBe(0);
  });

  it('refuses to load into a database that holds people, and changes nothing', async () => {
    expect(await isHubEmpty(handle.db)).toBe(false);
    const error = await seedDemoHub(handle.db, { asOf: new Date('2026-09-01T00:00:00Z') }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(isAppError(error, 'database_not_empty')).toBe(true);
    expect((await getHubStats(handle.db)).mentors).toBe(DEMO_FIGURES.mentors);
  });
});
