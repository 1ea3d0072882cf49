import type { AnyJobDefinition } from './define-job.ts';
import { processFollowUpsJob } from './definitions/process-follow-ups.ts';
import { processProposalDeadlinesJob } from './definitions/process-proposal-deadlines.ts';
import { purgeFinishedJobsJob } from './definitions/purge-finished-jobs.ts';
import { resumePausedMentorsJob } from './definitions/resume-paused-mentors.ts';
import { sendEmailJob } from './definitions/send-email.ts';
import type { JobContext } from './job-context.ts';
import type { RecurringJob } from './recurring-jobs.ts';

/** Every job type the worker runs. A new job type is a file in `definitions/` listed here. */
const DEFINITIONS: readonly AnyJobDefinition<JobContext>[] = [
  sendEmailJob,
  resumePausedMentorsJob,
  purgeFinishedJobsJob,
  processProposalDeadlinesJob,
  processFollowUpsJob,
];

/** The job types by name. */
export const JOB_DEFINITIONS: ReadonlyMap<string, AnyJobDefinition<JobContext>> = new Map(
  DEFINITIONS.map((definition) => [definition.name, definition]),
);
if (JOB_DEFINITIONS.size !== DEFINITIONS.length) throw new Error('two job types share a name');

/** Jobs the worker queues by itself, once per period. */
export const RECURRING_JOBS: readonly RecurringJob[] = [
  { definition: resumePausedMentorsJob, everyMinutes: 60 },
  { definition: purgeFinishedJobsJob, everyMinutes: 24 * 60 },
  { definition: processProposalDeadlinesJob, everyMinutes: 10 },
  { definition: processFollowUpsJob, everyMinutes: 30 },
];
