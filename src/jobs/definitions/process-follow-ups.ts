import { z } from 'zod';
import { processFollowUps } from '../../services/follow-up/process-follow-ups.ts';
import { defineJob } from '../define-job.ts';
import type { JobContext } from '../job-context.ts';

/**
 * Every half hour: check-ins planned, sent, reminded and missed, and risk alerts for silent
 * tandems. Idempotent: each check-in is sent once and reminded once, each cause alerts once.
 */
export const processFollowUpsJob = defineJob({
  name: 'process_follow_ups',
  payload: z.object({}),
  retry: { maxAttempts: 5, baseDelaySeconds: 60, maxDelaySeconds: 900 },
  async run(_payload, _job, context: JobContext) {
    await processFollowUps(context);
  },
});
