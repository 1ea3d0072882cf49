import type { Executor } from '../client.ts';
import { jobs } from '../schema/index.ts';

export type NewJob = {
  name: string;
  payload: Record<string, unknown>;
  runAt?: Date;
  idempotencyKey?: string;
  maxAttempts?: number;
};

/**
 * Enqueues a durable job. Call it with the transaction of the change that causes the job, so
 * that both commit or neither does. A job with an idempotency key already queued is kept.
 */
export async function enqueueJob(db: Executor, job: NewJob): Promise<void> {
  await db
    .insert(jobs)
    .values({
      name: job.name,
      payload: job.payload,
      ...(job.runAt ? { runAt: job.runAt } : {}),
      ...(job.maxAttempts ? { maxAttempts: job.maxAttempts } : {}),
      idempotencyKey: job.idempotencyKey ?? null,
    })
    .onConflictDoNothing();
}
