import {
  deliverEmail,
  sendEmailPayloadSchema,
} from '../../services/notifications/deliver-email.ts';
import { EmailRejectedError } from '../../services/notifications/mailer.ts';
import { EmailTemplateError } from '../../services/notifications/render-email.ts';
import { defineJob, PermanentJobError } from '../define-job.ts';
import type { JobContext } from '../job-context.ts';

/**
 * Sends one e-mail. Tries for about a day (30 s, 1 min, 2 min… capped at 2 h), since an SMTP
 * server may be down for a while; a template error or a 5xx refusal ends it at once.
 */
export const sendEmailJob = defineJob({
  name: 'send_email',
  payload: sendEmailPayloadSchema,
  retry: { maxAttempts: 16, baseDelaySeconds: 30, maxDelaySeconds: 7200 },
  async run(payload, job, context: JobContext) {
    try {
      await deliverEmail(context, payload, job);
    } catch (error) {
      if (error instanceof EmailTemplateError || error instanceof EmailRejectedError) {
        throw new PermanentJobError(error.message);
      }
      throw error;
    }
  },
});
