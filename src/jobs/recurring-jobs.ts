import type { Executor } from '../db/client.ts';
import { enqueueJob } from '../db/repositories/jobs-repository.ts';
import type { RetryPolicy } from './define-job.ts';

/** A job queued once per period (each hour, each day…), whatever the number of workers. */
export type RecurringJob = {
  definition: { name: string; retry: RetryPolicy };
  /** The period, in minutes; periods start at the Unix epoch (UTC), so an hour starts at :00. */
  everyMinutes: number;
  payload?: Record<string, unknown>;
};

/** The start of the period `now` falls in. */
export function periodStart(now: Date, everyMinutes: number): Date {
  const size = everyMinutes * 60_000;
  return new Date(Math.floor(now.getTime() / size) * size);
}

/**
 * Queues the current period's run of each recurring job, due now. The idempotency key names
 * the job and its period, so every worker may call this as often as it likes: the first
 * insert of a period wins and the others do nothing. Returns how many jobs were added.
 */
export async function enqueueRecurringJobs(
  db: Executor,
  recurring: readonly RecurringJob[],
  now: Date,
): Promise<number> {
  let added = 0;
  for (const job of recurring) {
    const period = periodStart(now, job.everyMinutes);
    const isNew = await enqueueJob(db, {
      name: job.definition.name,
      payload: job.payload ?? {},
      runAt: now,
      maxAttempts: job.definition.retry.maxAttempts,
      idempotencyKey: `recurring:${job.definition.name}:${period.toISOString()}`,
    });
    if (isNew) added += 1;
  }
  return added;
}
