import type { Executor } from '../../db/client.ts';
import type { UserRow } from '../../db/repositories/users-repository.ts';
import { sendEmailJob } from '../../jobs/definitions/send-email.ts';
import { enqueue, type EnqueueOptions } from '../../jobs/define-job.ts';
import type { CalendarEvent } from './calendar-invite.ts';
import { checkEmailParams } from './render-email.ts';

/** The job that sends every e-mail. */
export const SEND_EMAIL_JOB = sendEmailJob.name;

export type QueueEmailOptions = EnqueueOptions & {
  /**
   * When the e-mail becomes due: the service's clock now, unless later. Required, so that a
   * service on an injected clock queues on that clock, not the database's.
   */
  runAt: Date;
  /** A meeting to attach as an ICS invitation. */
  calendarEvent?: CalendarEvent;
};

/**
 * Queues an e-mail to a user in the caller's transaction (e-mails are never sent inside a
 * request). The recipient's first name is always a template parameter. Does nothing for a
 * user without an address. The template and its parameters are checked now, so that a wrong
 * call fails in its own transaction rather than later in the worker.
 */
export async function queueEmailTo(
  tx: Executor,
  user: Pick<UserRow, 'email' | 'locale' | 'firstName'>,
  template: string,
  params: Record<string, unknown>,
  options: QueueEmailOptions,
): Promise<void> {
  if (!user.email) return;
  const allParams = { ...params, firstName: user.firstName };
  checkEmailParams(template, allParams);
  const { calendarEvent, ...enqueueOptions } = options;
  await enqueue(
    tx,
    sendEmailJob,
    {
      template,
      to: user.email,
      locale: user.locale,
      params: allParams,
      ...(calendarEvent ? { calendarEvent } : {}),
    },
    enqueueOptions,
  );
}
