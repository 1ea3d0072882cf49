import type { Executor } from '../db/client.ts';
import {
  countJobsByNameAndStatus,
  listJobsInStatus,
  requeueDeadJob,
  type JobRow,
  type JobStatus,
} from '../db/repositories/jobs-repository.ts';
import { JOB_STATUSES } from '../domain/tandems.ts';
import { AppError } from '../domain/errors.ts';

/** What `tandem jobs` shows: counts by job type and status, and the jobs in trouble. */
export type JobReport = {
  counts: { name: string; byStatus: Record<JobStatus, number> }[];
  /** Failed (waiting for a retry) and dead jobs, newest first, with their last error. */
  problems: Pick<
    JobRow,
    'id' | 'name' | 'status' | 'attempts' | 'maxAttempts' | 'runAt' | 'lastError'
  >[];
};

/** Reads the queue's state for operators. */
export async function getJobReport(db: Executor, problemLimit = 20): Promise<JobReport> {
  const rows = await countJobsByNameAndStatus(db);
  const byName = new Map<string, Record<JobStatus, number>>();
  for (const row of rows) {
    const counts =
      byName.get(row.name) ??
      (Object.fromEntries(JOB_STATUSES.map((status) => [status, 0])) as Record<JobStatus, number>);
    counts[row.status] = row.count;
    byName.set(row.name, counts);
  }
  const problems = await listJobsInStatus(db, ['failed', 'dead'], problemLimit);
  return {
    counts: [...byName].map(([name, byStatus]) => ({ name, byStatus })),
    problems: problems.map(({ id, name, status, attempts, maxAttempts, runAt, lastError }) => ({
      id,
      name,
      status,
      attempts,
      maxAttempts,
      runAt,
      lastError,
    })),
  };
}

/** Puts a dead job back in the queue, due now, with all its attempts; `not_found` otherwise. */
export async function retryDeadJob(db: Executor, id: number, now: Date): Promise<JobRow> {
  const job = await requeueDeadJob(db, { id, now });
  if (!job) throw new AppError('not_found', `there is no dead job with id ${id}`);
  return job;
}

/** The report as text: one line per job type, then the failed and dead jobs. */
export function formatJobReport(report: JobReport): string {
  if (report.counts.length === 0) return 'no jobs';
  const header = ['job', ...JOB_STATUSES];
  const table = [
    header,
    ...report.counts.map(({ name, byStatus }) => [
      name,
      ...JOB_STATUSES.map((status) => String(byStatus[status])),
    ]),
  ];
  const widths = header.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  const lines = table.map((row) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join('  '),
  );
  if (report.problems.length > 0) {
    lines.push('', 'failed and dead jobs (newest first):');
    for (const job of report.problems) {
      const when = job.status === 'failed' ? `, next try ${job.runAt.toISOString()}` : '';
      lines.push(
        `  #${job.id} ${job.name} — ${job.status} after ${job.attempts}/${job.maxAttempts} attempts${when}`,
        `    ${job.lastError ?? '(no error recorded)'}`,
      );
    }
    if (report.problems.some((job) => job.status === 'dead')) {
      lines.push('', 'retry a dead job with `tandem jobs retry <id>`');
    }
  }
  return lines.join('\n');
}
