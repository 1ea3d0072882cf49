import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMentee,
  createMentor,
  createPartner,
  createTandem,
  defaultProgramId,
} from '../../../test/support/factories.ts';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import { getHubStats } from './get-hub-stats.ts';
import { isHubEmpty } from './is-hub-empty.ts';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => handle.close());

describe('getHubStats and isHubEmpty', () => {
  it('count nothing on a freshly prepared database, with every tandem status at zero', async () => {
    expect(await isHubEmpty(handle.db)).toBe(true);
    expect(await getHubStats(handle.db)).toEqual({
      mentors: 0,
      mentees: 0,
      partners: 0,
      tandems: 0,
      tandemsByState: {
        proposed: 0,
        accepted: 0,
        active: 0,
        completed: 0,
        ended_early: 0,
        declined: 0,
        expired: 0,
      },
    });
  });

  it('count people, partners and tandems by status as they are added', async () => {
    await createPartner(handle.db);
    expect(await isHubEmpty(handle.db)).toBe(false);
    const programId = await defaultProgramId(handle.db);
    const { user: mentor } = await createMentor(handle.db, { capacity: 3 });
    const mentees = [await createMentee(handle.db), await createMentee(handle.db)];
    await createTandem(handle.db, {
      menteeId: mentees[0]!.user.id,
      mentorId: mentor.id,
      programId,
    });
    await createTandem(handle.db, {
      menteeId: mentees[1]!.user.id,
      mentorId: mentor.id,
      programId,
      status: 'completed',
    });
    const stats = await getHubStats(handle.db);
    expect(stats).toMatchObject({ mentors: 1, mentees: 2, partners: 1, tandems: 2 });
    expect(stats.tandemsByState).toMatchObject({ proposed: 1, completed: 1, active: 0 });
  });
});
