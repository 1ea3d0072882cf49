import type { z } from 'zod';
import type { Executor, Transaction } from '../db/client.ts';
import { enqueueJob } from '../db/repositories/jobs-repository.ts';

/** How often a job is tried, and how long to wait between tries. */
export type RetryPolicy = {
  /** Tries in all, the first one included; the job is dead after the last one fails. */
  maxAttempts: number;
  /** The wait after the first failure; it doubles after each failure. */
  baseDelaySeconds: number;
  /** The longest wait between two tries. */
  maxDelaySeconds: number;
};

/** One run of a job, as its handler sees it. */
export type JobRun = {
  id: number;
  name: string;
  /** 1 for the first try. */
  attempt: number;
  maxAttempts: number;
  createdAt: Date;
  /**
   * Runs `work` in the transaction that marks the job done, so that a handler whose effect is
   * a database write (the outbox, a status change) happens exactly once. A handler that does
   * not call it is marked done by the worker right after it returns.
   */
  completeWith(work: (tx: Transaction) => Promise<void>): Promise<void>;
};

/**
 * A job type: a name, the schema of its payload, its retry policy and an idempotent handler
 * (a job may run again after a crash, so a handler must tolerate a second run).
 */
export type JobDefinition<Schema extends z.ZodType, Context> = {
  name: string;
  /** Validates the payload when the job is queued and again before it runs. */
  payload: Schema;
  retry: RetryPolicy;
  run(payload: z.output<Schema>, job: JobRun, context: Context): Promise<void>;
};

/** Any job type, as the registry and the worker hold them. */
export type AnyJobDefinition<Context> = {
  name: string;
  payload: z.ZodType;
  retry: RetryPolicy;
  run(payload: never, job: JobRun, context: Context): Promise<void>;
};

/** A failure that retrying cannot fix (bad payload, address refused): the job dies at once. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

/** Declares a job type. List it in `src/jobs/registry.ts` so that the worker runs it. */
export function defineJob<Schema extends z.ZodType, Context>(
  definition: JobDefinition<Schema, Context>,
): JobDefinition<Schema, Context> {
  return definition;
}

export type EnqueueOptions = {
  /** When the job becomes due; now by default. */
  runAt?: Date;
  /** A second job with the same key is not queued (one reminder per tandem and day…). */
  idempotencyKey?: string;
};

/**
 * Queues a job in the caller's transaction, so that the job exists if and only if the change
 * that causes it commits. The payload is validated now: a wrong payload is a bug of the
 * caller, better found in its own test than in the worker.
 */
export async function enqueue<Schema extends z.ZodType>(
  tx: Executor,
  definition: { name: string; payload: Schema; retry: RetryPolicy },
  payload: z.input<Schema>,
  options: EnqueueOptions = {},
): Promise<void> {
  const parsed = definition.payload.parse(payload);
  await enqueueJob(tx, {
    name: definition.name,
    payload: parsed as Record<string, unknown>,
    maxAttempts: definition.retry.maxAttempts,
    ...(options.runAt ? { runAt: options.runAt } : {}),
    ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
  });
}

/**
 * The wait before the next try after `attempt` failed: `base × 2^(attempt − 1)`, at most
 * `max`. Deterministic (no jitter), so that tests move an injected clock by exact amounts.
 */
export function retryDelaySeconds(policy: RetryPolicy, attempt: number): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** Math.min(exponent, 30));
}
