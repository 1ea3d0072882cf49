import { z } from 'zod';
import { processProposalDeadlines } from '../../services/tandems/process-proposal-deadlines.ts';
import { defineJob } from '../define-job.ts';
import type { JobContext } from '../job-context.ts';

/**
 * Every few minutes: reminders before a proposal's reply deadline, and at the deadline the
 * proposal expires, staff and the referrer are alerted and the next-best mentor is staged.
 * The handler is idempotent (each proposal is reminded once and expires once).
 */
export const processProposalDeadlinesJob = defineJob({
  name: 'process_proposal_deadlines',
  payload: z.object({}),
  retry: { maxAttempts: 5, baseDelaySeconds: 60, maxDelaySeconds: 900 },
  async run(_payload, _job, context: JobContext) {
    await processProposalDeadlines(context);
  },
});
