import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DatabaseHandle } from '../db/client.ts';
import { claimNextDueJob, findJobById } from '../db/repositories/jobs-repository.ts';
import { jobs } from '../db/schema/index.ts';
import { manualClock } from '../../test/support/clock.ts';
import { createTestDatabase } from '../../test/support/test-database.ts';
import {
  defineJob,
  enqueue,
  PermanentJobError,
  type AnyJobDefinition,
  type RetryPolicy,
} from './define-job.ts';
import { enqueueRecurringJobs } from './recurring-jobs.ts';
import { createWorker } from './worker.ts';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const RETRY: RetryPolicy = { maxAttempts: 3, baseDelaySeconds: 30, maxDelaySeconds: 600 };

/**
 * A job type of the test's own (a unique name, so that tests sharing the database never run
 * each other's jobs), whose handler records every run and does what `behave` says.
 */
function testJob(
  behave: (attempt: number) => Promise<void> | void = () => undefined,
  retry = RETRY,
) {
  const runs: { id: number; attempt: number; value: number }[] = [];
  const definition = defineJob({
    name: `test_${randomUUID().slice(0, 8)}`,
    payload: z.object({ value: z.number() }),
    retry,
    async run(payload, job) {
      runs.push({ id: job.id, attempt: job.attempt, value: payload.value });
      await behave(job.attempt);
    },
  });
  return { definition, runs };
}

function workerFor(
  definition: AnyJobDefinition<unknown>,
  clock: ReturnType<typeof manualClock>,
  options: { workerId?: string; leaseMs?: number } = {},
) {
  return createWorker({
    db: database.db,
    clock,
    definitions: new Map([[definition.name, definition]]),
    context: {},
    ...options,
  });
}

async function jobsNamed(name: string) {
  return database.db.select().from(jobs).where(eq(jobs.name, name)).orderBy(jobs.id);
}

describe('the worker', () => {
  it('runs a due job once with its payload and marks it done', async () => {
    const clock = manualClock();
    const { definition, runs } = testJob();
    await enqueue(database.db, definition, { value: 7 }, { runAt: clock.now() });
    const worker = workerFor(definition, clock);
    expect(await worker.drain()).toBe(1);
    expect(await worker.drain()).toBe(0);
    expect(runs).toEqual([{ id: expect.any(Number) as number, attempt: 1, value: 7 }]);
    const [job] = await jobsNamed(definition.name);
    expect(job).toMatchObject({ status: 'succeeded', attempts: 1, lockedBy: null, maxAttempts: 3 });
    expect(job!.finishedAt).toEqual(clock.now());
  });

  it('leaves a job alone until its time comes', async () => {
    const clock = manualClock();
    const { definition, runs } = testJob();
    await enqueue(
      database.db,
      definition,
      { value: 1 },
      { runAt: new Date(clock.now().getTime() + 60_000) },
    );
    const worker = workerFor(definition, clock);
    expect(await worker.drain()).toBe(0);
    clock.advanceMinutes(1);
    expect(await worker.drain()).toBe(1);
    expect(runs).toHaveLength(1);
  });

  it('retries a failed job after 30 s, then 60 s, on the injected clock', async () => {
    const clock = manualClock();
    const { definition, runs } = testJob((attempt) => {
      if (attempt < 3) throw new Error(`SMTP down (try ${attempt})`);
    });
    await enqueue(database.db, definition, { value: 1 }, { runAt: clock.now() });
    const worker = workerFor(definition, clock);
    const start = clock.now().getTime();

    expect(await worker.drain()).toBe(1);
    let [job] = await jobsNamed(definition.name);
    expect(job).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'Error: SMTP down (try 1)',
    });
    expect(job!.runAt.getTime()).toBe(start + 30_000);

    clock.set(new Date(start + 29_000));
    expect(await worker.drain()).toBe(0);
    clock.set(new Date(start + 30_000));
    expect(await worker.drain()).toBe(1);
    [job] = await jobsNamed(definition.name);
    expect(job).toMatchObject({ status: 'failed', attempts: 2 });
    expect(job!.runAt.getTime()).toBe(start + 30_000 + 60_000);

    clock.set(new Date(start + 90_000));
    expect(await worker.drain()).toBe(1);
    [job] = await jobsNamed(definition.name);
    expect(job).toMatchObject({ status: 'succeeded', attempts: 3 });
    expect(runs.map((run) => run.attempt)).toEqual([1, 2, 3]);
  });

  it('marks a job dead after its last attempt, with the last error', async () => {
    const clock = manualClock();
    const { definition, runs } = testJob((attempt) => {
      throw new Error(`refused ${attempt}`);
    });
    await enqueue(database.db, definition, { value: 1 }, { runAt: clock.now() });
    const worker = workerFor(definition, clock);
    for (let i = 0; i < 5; i += 1) {
      await worker.drain();
      clock.advanceMinutes(60);
    }
    expect(runs).toHaveLength(3);
    const [job] = await jobsNamed(definition.name);
    expect(job).toMatchObject({ status: 'dead', attempts: 3, lastError: 'Error: refused 3' });
  });

  it('marks a job dead at once on a permanent error', async () => {
    const clock = manualClock();
    const { definition, runs } = testJob(() => {
      throw new PermanentJobError('unknown template');
    });
    await enqueue(database.db, definition, { value: 1 }, { runAt: clock.now() });
    await workerFor(definition, clock).drain();
    expect(runs).toHaveLength(1);
    const [job] = await jobsNamed(definition.name);
    expect(job).toMatchObject({ status: 'dead', attempts: 1 });
    expect(job!.lastError).toMatch(/unknown template/);
  });

  it('refuses to queue a payload its schema refuses', async () => {
    const { definition } = testJob();
    await expect(
      enqueue(database.db, definition, { value: 'seven' } as unknown as { value: number }),
    ).rejects.toThrow();
    expect(await jobsNamed(definition.name)).toHaveLength(0);
  });

  it('queues a job with an idempotency key only once', async () => {
    const { definition } = testJob();
    const key = `key-${randomUUID()}`;
    await enqueue(database.db, definition, { value: 1 }, { idempotencyKey: key });
    await enqueue(database.db, definition, { value: 2 }, { idempotencyKey: key });
    const rows = await jobsNamed(definition.name);
    expect(rows.map((row) => (row.payload as { value: number }).value)).toEqual([1]);
  });

  it('takes over the job of a worker that died once its lease expires', async () => {
    const clock = manualClock();
    const { definition, runs } = testJob();
    await enqueue(database.db, definition, { value: 1 }, { runAt: clock.now() });
    // What a worker killed while running the job leaves behind: a claimed row.
    const stranded = await claimNextDueJob(database.db, {
      workerId: 'dead-worker',
      names: [definition.name],
      now: clock.now(),
      leaseExpiredBefore: new Date(0),
    });
    expect(stranded).toMatchObject({ status: 'running', lockedBy: 'dead-worker', attempts: 1 });

    const worker = workerFor(definition, clock, { workerId: 'survivor', leaseMs: 5 * 60_000 });
    clock.advanceMinutes(4);
    expect(await worker.drain()).toBe(0);
    clock.advanceMinutes(1.5);
    expect(await worker.drain()).toBe(1);
    expect(runs).toEqual([{ id: stranded!.id, attempt: 2, value: 1 }]);
    expect(await findJobById(database.db, stranded!.id)).toMatchObject({
      status: 'succeeded',
      attempts: 2,
    });
  });

  it('gives up on a job whose worker keeps dying, without running it again', async () => {
    const clock = manualClock();
    const { definition, runs } = testJob();
    await enqueue(database.db, definition, { value: 1 }, { runAt: clock.now() });
    for (let crash = 0; crash < 3; crash += 1) {
      await claimNextDueJob(database.db, {
        workerId: `crashing-${crash}`,
        names: [definition.name],
        now: clock.now(),
        leaseExpiredBefore: new Date(clock.now().getTime() - 60_000),
      });
      clock.advanceMinutes(2);
    }
    await workerFor(definition, clock, { leaseMs: 60_000 }).drain();
    expect(runs).toHaveLength(0);
    const [job] = await jobsNamed(definition.name);
    expect(job).toMatchObject({ status: 'dead', attempts: 4 });
    expect(job!.lastError).toMatch(/gave up after 3 attempts/);
  });

  it('never lets two workers run the same job', async () => {
    const clock = manualClock();
    // The handler yields, so that the two workers' claims interleave while jobs are in hand.
    const { definition, runs } = testJob(() => new Promise((resolve) => setTimeout(resolve, 2)));
    for (let value = 0; value < 30; value += 1) {
      await enqueue(database.db, definition, { value }, { runAt: clock.now() });
    }
    const first = workerFor(definition, clock, { workerId: 'first' });
    const second = workerFor(definition, clock, { workerId: 'second' });
    const [ranByFirst, ranBySecond] = await Promise.all([first.drain(), second.drain()]);
    expect(ranByFirst + ranBySecond).toBe(30);
    expect(ranByFirst).toBeGreaterThan(0);
    expect(ranBySecond).toBeGreaterThan(0);
    expect(new Set(runs.map((run) => run.value)).size).toBe(30);
    expect(runs).toHaveLength(30);
    const rows = await jobsNamed(definition.name);
    expect(rows.every((row) => row.status === 'succeeded' && row.attempts === 1)).toBe(true);
  });

  it('finishes the job in hand when stopped, then claims nothing more', async () => {
    const clock = manualClock();
    let release: () => void = () => undefined;
    let started: () => void = () => undefined;
    const isStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const { definition, runs } = testJob(
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
          started();
        }),
    );
    await enqueue(database.db, definition, { value: 1 }, { runAt: clock.now() });
    await enqueue(database.db, definition, { value: 2 }, { runAt: clock.now() });
    const worker = createWorker({
      db: database.db,
      clock,
      definitions: new Map([[definition.name, definition as AnyJobDefinition<unknown>]]),
      context: {},
      pollIntervalMs: 10,
    });
    worker.start();
    await isStarted;
    const stopped = worker.stop();
    release();
    await stopped;
    expect(runs.map((run) => run.value)).toEqual([1]);
    const statuses = (await jobsNamed(definition.name)).map((row) => row.status);
    expect(statuses).toEqual(['succeeded', 'pending']);
  });

  it('queues a recurring job once per period, however often it is asked', async () => {
    const { definition } = testJob();
    const hourly = [{ definition, everyMinutes: 60 }];
    const at = (time: string) => new Date(`2026-11-25T${time}Z`);
    expect(await enqueueRecurringJobs(database.db, hourly, at('09:00:00'))).toBe(1);
    expect(await enqueueRecurringJobs(database.db, hourly, at('09:59:59'))).toBe(0);
    expect(await enqueueRecurringJobs(database.db, hourly, at('10:00:00'))).toBe(1);
    const rows = await jobsNamed(definition.name);
    expect(rows.map((row) => row.idempotencyKey)).toEqual([
      `recurring:${definition.name}:2026-11-25T09:00:00.000Z`,
      `recurring:${definition.name}:2026-11-25T10:00:00.000Z`,
    ]);
  });
});
