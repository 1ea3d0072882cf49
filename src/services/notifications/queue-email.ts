import type { Executor } from '../../db/client.ts';
import { enqueueJob } from '../../db/repositories/jobs-repository.ts';
import type { UserRow } from '../../db/repositories/users-repository.ts';

/** The job that sends every e-mail; its payload shape is defined here only. */
export const SEND_EMAIL_JOB = 'send_email';

/**
 * Queues an e-mail to a user in the caller's transaction (e-mails are never sent inside a
 * request). The recipient's first name is always a template parameter. Does nothing for a
 * user without an address.
 */
export async function queueEmailTo(
  tx: Executor,
  user: Pick<UserRow, 'email' | 'locale' | 'firstName'>,
  template: string,
  params: Record<string, unknown> = {},
): Promise<void> {
  if (!user.email) return;
  await enqueueJob(tx, {
    name: SEND_EMAIL_JOB,
    payload: {
      template,
      to: user.email,
      locale: user.locale,
      params: { ...params, firstName: user.firstName },
    },
  });
}
