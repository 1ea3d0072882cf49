import type { Command } from 'commander';
import { formatJobReport, getJobReport, retryDeadJob } from '../../jobs/job-report.ts';
import { CliError, withDatabase } from '../context.ts';

/**
 * `tandem jobs`: the queue at a glance (counts by job type and status, failed and dead jobs
 * with their last error); `tandem jobs retry <id>` queues a dead job again.
 */
export function registerJobsCommand(program: Command): void {
  const jobs = program
    .command('jobs')
    .description('show the job queue: counts by type and status, failed and dead jobs')
    .option('--json', 'print one JSON object instead of a table')
    .action(async (options: { json?: boolean }) => {
      await withDatabase(async (handle) => {
        const report = await getJobReport(handle.db);
        console.log(options.json ? JSON.stringify(report) : formatJobReport(report));
      });
    });
  jobs
    .command('retry <id>')
    .description('queue a dead job again, due now, with a fresh set of attempts')
    .action(async (id: string) => {
      const jobId = Number(id);
      if (!Number.isSafeInteger(jobId) || jobId < 1) throw new CliError(`not a job id: ${id}`);
      await withDatabase(async (handle) => {
        const job = await retryDeadJob(handle.db, jobId, new Date());
        console.log(`job #${job.id} (${job.name}) is queued again`);
      });
    });
}
