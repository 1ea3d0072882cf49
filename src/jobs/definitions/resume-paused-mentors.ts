import { z } from 'zod';
import { resumeMentorsAfterPause } from '../../services/mentors/resume-mentors-after-pause.ts';
import { defineJob } from '../define-job.ts';
import type { JobContext } from '../job-context.ts';

/** Hourly: mentors whose pause is over become active again ("a pause ends by itself"). */
export const resumePausedMentorsJob = defineJob({
  name: 'resume_paused_mentors',
  payload: z.object({}),
  retry: { maxAttempts: 5, baseDelaySeconds: 60, maxDelaySeconds: 900 },
  async run(_payload, _job, context: JobContext) {
    await resumeMentorsAfterPause(context);
  },
});
