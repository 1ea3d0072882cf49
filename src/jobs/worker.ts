import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Database } from '../db/client.ts';
import {
  claimNextDueJob,
  markJobDead,
  markJobSucceeded,
  rescheduleJob,
  type JobRow,
} from '../db/repositories/jobs-repository.ts';
import type { Clock } from '../domain/clock.ts';
import {
  PermanentJobError,
  retryDelaySeconds,
  type AnyJobDefinition,
  type JobRun,
} from './define-job.ts';
import { enqueueRecurringJobs, type RecurringJob } from './recurring-jobs.ts';

/** What the worker writes about its work; pino's logger fits. */
export type WorkerLogger = {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
};

export type WorkerOptions<Context> = {
  db: Database;
  clock: Clock;
  /** The job types this worker runs, by name. */
  definitions: ReadonlyMap<string, AnyJobDefinition<Context>>;
  /** What handlers receive (the mailer, the public address…). */
  context: Context;
  /** Periodic jobs this worker keeps queued (one per period, whatever the number of workers). */
  recurring?: readonly RecurringJob[];
  /** Identifies this worker in `locked_by`; host, pid and a random suffix by default. */
  workerId?: string;
  /** How long to sleep when no job is due. */
  pollIntervalMs?: number;
  /**
   * How long a claimed job stays reserved. A worker that dies loses its jobs to others once
   * this passes, so it must be longer than any handler can take (SMTP timeouts are shorter).
   */
  leaseMs?: number;
  /** Jobs run at once by `start()`. */
  concurrency?: number;
  logger?: WorkerLogger;
};

export type Worker = {
  readonly workerId: string;
  /** Claims and runs one due job; false when none is due. */
  runNext(): Promise<boolean>;
  /** Queues due recurring jobs, then runs due jobs until none is left; returns how many ran. */
  drain(): Promise<number>;
  /** Runs jobs in the background until `stop()`. */
  start(): void;
  /** Stops claiming, lets the jobs in hand finish, then resolves. */
  stop(): Promise<void>;
};

const silentLogger: WorkerLogger = { info() {}, warn() {}, error() {} };

/** How often recurring jobs are looked at, at most. */
const RECURRING_CHECK_MS = 60_000;

/** A worker id that tells operators where a job runs: host, process and a random suffix. */
export function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/**
 * Creates a worker over the `jobs` table. It claims one due job at a time (so that a crash
 * strands at most the jobs in hand), runs its handler, and records the outcome: done,
 * failed with a retry time (`base × 2^(attempt−1)` on the injected clock), or dead after
 * the last attempt or a permanent error.
 */
export function createWorker<Context>(options: WorkerOptions<Context>): Worker {
  const workerId = options.workerId ?? defaultWorkerId();
  const logger = options.logger ?? silentLogger;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const { db, clock } = options;
  let lastRecurringCheck = Number.NEGATIVE_INFINITY;
  const names = [...options.definitions.keys()];

  async function queueRecurring(force: boolean): Promise<void> {
    const now = clock.now();
    if (!options.recurring?.length) return;
    if (!force && now.getTime() - lastRecurringCheck < RECURRING_CHECK_MS) return;
    lastRecurringCheck = now.getTime();
    await enqueueRecurringJobs(db, options.recurring, now);
  }

  async function settle(row: JobRow, outcome: 'dead' | 'retry', error: unknown): Promise<void> {
    const message = describeError(error);
    const now = clock.now();
    if (outcome === 'dead') {
      await markJobDead(db, { id: row.id, workerId, now, error: message });
      logger.error(
        { jobId: row.id, job: row.name, attempt: row.attempts, error: message },
        'job dead',
      );
      return;
    }
    const definition = options.definitions.get(row.name)!;
    const delayMs = retryDelaySeconds(definition.retry, row.attempts) * 1000;
    const runAt = new Date(now.getTime() + delayMs);
    await rescheduleJob(db, { id: row.id, workerId, runAt, error: message });
    logger.warn(
      { jobId: row.id, job: row.name, attempt: row.attempts, retryAt: runAt, error: message },
      'job failed, will retry',
    );
  }

  async function run(row: JobRow): Promise<void> {
    const definition = options.definitions.get(row.name)!;
    if (row.attempts > row.maxAttempts) {
      // Counted at claim time: the previous tries ended with their worker, not with an error.
      const error = `gave up after ${row.maxAttempts} attempts (the worker running it stopped)`;
      await settle(row, 'dead', new PermanentJobError(error));
      return;
    }
    const payload = definition.payload.safeParse(row.payload);
    if (!payload.success) {
      await settle(row, 'dead', new PermanentJobError(`invalid payload: ${payload.error.message}`));
      return;
    }
    let completed = false;
    const job: JobRun = {
      id: row.id,
      name: row.name,
      attempt: row.attempts,
      maxAttempts: row.maxAttempts,
      createdAt: row.createdAt,
      async completeWith(work) {
        await db.transaction(async (tx) => {
          await work(tx);
          const held = await markJobSucceeded(tx, { id: row.id, workerId, now: clock.now() });
          // Without the lease another worker owns the job: its run will do the work instead.
          if (!held) throw new LeaseLostError(row.id);
        });
        completed = true;
      },
    };
    try {
      // The payload was just parsed by the definition's own schema.
      await definition.run(payload.data as never, job, options.context);
    } catch (error) {
      if (error instanceof LeaseLostError) {
        logger.warn({ jobId: row.id, job: row.name }, 'lease lost; another worker runs the job');
        return;
      }
      const isLast = error instanceof PermanentJobError || row.attempts >= row.maxAttempts;
      await settle(row, isLast ? 'dead' : 'retry', error);
      return;
    }
    if (completed) return;
    // Right after the handler returns: for an e-mail, right after the server's 250.
    const held = await markJobSucceeded(db, { id: row.id, workerId, now: clock.now() });
    if (!held)
      logger.warn({ jobId: row.id, job: row.name }, 'lease lost before the job was marked done');
  }

  async function runNext(): Promise<boolean> {
    const now = clock.now();
    const row = await claimNextDueJob(db, {
      workerId,
      names,
      now,
      leaseExpiredBefore: new Date(now.getTime() - leaseMs),
    });
    if (!row) return false;
    await run(row);
    return true;
  }

  let stopping = false;
  let loops: Promise<void>[] = [];
  async function loop(isFirst: boolean): Promise<void> {
    while (!stopping) {
      let ran = false;
      try {
        if (isFirst) await queueRecurring(false);
        ran = await runNext();
      } catch (error) {
        // The database is unreachable or a query failed: wait, then try again.
        logger.error({ error: describeError(error) }, 'worker could not claim or record a job');
      }
      if (!ran && !stopping) await sleepAbortable(pollIntervalMs);
    }
  }

  const sleepers = new Set<() => void>();
  function sleepAbortable(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      sleepers.add(done);
    });
  }

  return {
    workerId,
    runNext,
    async drain() {
      await queueRecurring(true);
      let ran = 0;
      while (await runNext()) ran += 1;
      return ran;
    },
    start() {
      if (loops.length > 0) return;
      stopping = false;
      const concurrency = Math.max(1, options.concurrency ?? 1);
      loops = Array.from({ length: concurrency }, (_, index) => loop(index === 0));
      logger.info({ workerId, concurrency }, 'worker started');
    },
    async stop() {
      stopping = true;
      for (const done of [...sleepers]) done();
      await Promise.all(loops);
      loops = [];
      logger.info({ workerId }, 'worker stopped');
    },
  };
}

class LeaseLostError extends Error {
  constructor(id: number) {
    super(`job ${id} was taken over by another worker`);
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 2000);
  return String(error).slice(0, 2000);
}
