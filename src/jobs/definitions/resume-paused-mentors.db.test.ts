import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client.ts';
import { jobs, mentorProfiles } from '../../db/schema/index.ts';
import { manualClock } from '../../../test/support/clock.ts';
import { createMentor } from '../../../test/support/factories.ts';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import { testWorkerConfig } from '../../../test/support/worker.ts';
import { createJobWorker } from '../start-job-worker.ts';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe('resume_paused_mentors', () => {
  it('brings back mentors after the last day of their pause, once, with an e-mail', async () => {
    // 23:30 in Paris on 25 November: the 25th is not over yet.
    const clock = manualClock(new Date('2026-11-25T22:30:00Z'));
    const ended = await createMentor(database.db, { status: 'paused', pausedUntil: '2026-11-24' });
    const lastDay = await createMentor(database.db, {
      status: 'paused',
      pausedUntil: '2026-11-25',
    });
    const worker = createJobWorker({
      db: database.db,
      clock,
      config: testWorkerConfig(),
    });
    const statusOf = async (userId: string) =>
      (await database.db.select().from(mentorProfiles).where(eq(mentorProfiles.userId, userId)))[0];

    await worker.drain();
    expect(await statusOf(ended.user.id)).toMatchObject({ status: 'active', pausedUntil: null });
    expect(await statusOf(lastDay.user.id)).toMatchObject({ status: 'paused' });
    const emails = (await database.db.select().from(jobs).where(eq(jobs.name, 'send_email'))).map(
      (job) => job.payload as { to: string; template: string },
    );
    expect(emails.filter((email) => email.template === 'mentor_pause_ended')).toEqual([
      expect.objectContaining({ to: ended.user.email }),
    ]);

    // Past midnight in Paris, a new hourly period: the second mentor comes back too.
    clock.advanceMinutes(60);
    await worker.drain();
    expect(await statusOf(lastDay.user.id)).toMatchObject({ status: 'active' });
    const runs = await database.db
      .select()
      .from(jobs)
      .where(eq(jobs.name, 'resume_paused_mentors'));
    expect(runs).toHaveLength(2);
    expect(runs.every((run) => run.status === 'succeeded')).toBe(true);
    await worker.close();
  });
});
