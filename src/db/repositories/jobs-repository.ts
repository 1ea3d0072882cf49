import { and, asc, count, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { jobs } from '../schema/index.ts';

export type JobRow = typeof jobs.$inferSelect;
export type JobStatus = JobRow['status'];

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
 * Returns whether a job was added.
 */
export async function enqueueJob(db: Executor, job: NewJob): Promise<boolean> {
  const inserted = await db
    .insert(jobs)
    .values({
      name: job.name,
      payload: job.payload,
      ...(job.runAt ? { runAt: job.runAt } : {}),
      ...(job.maxAttempts ? { maxAttempts: job.maxAttempts } : {}),
      idempotencyKey: job.idempotencyKey ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: jobs.id });
  return inserted.length > 0;
}

/**
 * Claims the next due job for `workerId`: a pending or failed job whose time has come, or a
 * running one whose worker's lease expired (the worker died), among the job types the worker
 * knows (during a rolling upgrade, older workers leave newer types alone). `FOR UPDATE SKIP LOCKED` lets
 * several workers claim at once without waiting on, or taking, each other's rows. The
 * attempt is counted at claim time, so that a job that kills its worker still runs out of
 * attempts.
 */
export async function claimNextDueJob(
  db: Executor,
  options: { workerId: string; names: readonly string[]; now: Date; leaseExpiredBefore: Date },
): Promise<JobRow | undefined> {
  if (options.names.length === 0) return undefined;
  const now = options.now.toISOString();
  const expired = options.leaseExpiredBefore.toISOString();
  const names = sql.join(
    options.names.map((name) => sql`${name}`),
    sql`, `,
  );
  const due = sql`select ${jobs.id} from ${jobs}
    where ${jobs.name} in (${names})
      and ((${jobs.status} in ('pending', 'failed') and ${jobs.runAt} <= ${now})
        or (${jobs.status} = 'running' and ${jobs.lockedAt} < ${expired}))
    order by ${jobs.runAt}, ${jobs.id}
    limit 1
    for update skip locked`;
  const [claimed] = await db
    .update(jobs)
    .set({
      status: 'running',
      lockedAt: options.now,
      lockedBy: options.workerId,
      attempts: sql`${jobs.attempts} + 1`,
    })
    .where(sql`${jobs.id} in (${due})`)
    .returning();
  return claimed;
}

const heldBy = (id: number, workerId: string) =>
  and(eq(jobs.id, id), eq(jobs.status, 'running'), eq(jobs.lockedBy, workerId));

/**
 * Marks a job done, if `workerId` still holds it. Returns false when the lease was lost (the
 * job was given to another worker meanwhile).
 */
export async function markJobSucceeded(
  db: Executor,
  options: { id: number; workerId: string; now: Date },
): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ status: 'succeeded', finishedAt: options.now, lockedAt: null, lockedBy: null })
    .where(heldBy(options.id, options.workerId))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Records a failed try and when to try again (status `failed`, due at `runAt`). */
export async function rescheduleJob(
  db: Executor,
  options: { id: number; workerId: string; runAt: Date; error: string },
): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({
      status: 'failed',
      runAt: options.runAt,
      lastError: options.error,
      lockedAt: null,
      lockedBy: null,
    })
    .where(heldBy(options.id, options.workerId))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Gives up on a job (status `dead`) with the error that killed it. */
export async function markJobDead(
  db: Executor,
  options: { id: number; workerId: string; now: Date; error: string },
): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({
      status: 'dead',
      lastError: options.error,
      finishedAt: options.now,
      lockedAt: null,
      lockedBy: null,
    })
    .where(heldBy(options.id, options.workerId))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** One job by id. */
export async function findJobById(db: Executor, id: number): Promise<JobRow | undefined> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row;
}

/** How many jobs there are of each name and status. */
export async function countJobsByNameAndStatus(
  db: Executor,
): Promise<{ name: string; status: JobStatus; count: number }[]> {
  return db
    .select({ name: jobs.name, status: jobs.status, count: count() })
    .from(jobs)
    .groupBy(jobs.name, jobs.status)
    .orderBy(asc(jobs.name), asc(jobs.status));
}

/** The most recent jobs in these statuses (failed ones waiting for a retry, dead ones). */
export async function listJobsInStatus(
  db: Executor,
  statuses: JobStatus[],
  limit: number,
): Promise<JobRow[]> {
  return db
    .select()
    .from(jobs)
    .where(inArray(jobs.status, statuses))
    .orderBy(desc(jobs.id))
    .limit(limit);
}

/**
 * Puts a dead job back in the queue with a fresh set of attempts, due at `now`. Returns the
 * job, or undefined when there is no dead job with that id.
 */
export async function requeueDeadJob(
  db: Executor,
  options: { id: number; now: Date },
): Promise<JobRow | undefined> {
  const [row] = await db
    .update(jobs)
    .set({ status: 'pending', attempts: 0, runAt: options.now, finishedAt: null })
    .where(and(eq(jobs.id, options.id), eq(jobs.status, 'dead')))
    .returning();
  return row;
}

/** Deletes succeeded jobs finished before `before`; returns how many. */
export async function deleteSucceededJobsBefore(db: Executor, before: Date): Promise<number> {
  const rows = await db
    .delete(jobs)
    .where(and(eq(jobs.status, 'succeeded'), lt(jobs.finishedAt, before)))
    .returning({ id: jobs.id });
  return rows.length;
}
