import { z } from 'zod';
import { deleteSucceededJobsBefore } from '../../db/repositories/jobs-repository.ts';
import { defineJob } from '../define-job.ts';
import type { JobContext } from '../job-context.ts';

/** How long succeeded jobs are kept, for `tandem jobs` and investigations. */
export const SUCCEEDED_JOB_RETENTION_DAYS = 30;

/** Daily: deletes succeeded jobs older than the retention; failed and dead ones stay. */
export const purgeFinishedJobsJob = defineJob({
  name: 'purge_finished_jobs',
  payload: z.object({}),
  retry: { maxAttempts: 3, baseDelaySeconds: 300, maxDelaySeconds: 3600 },
  async run(_payload, _job, context: JobContext) {
    const before = new Date(
      context.clock.now().getTime() - SUCCEEDED_JOB_RETENTION_DAYS * 86_400_000,
    );
    await deleteSucceededJobsBefore(context.db, before);
  },
});
