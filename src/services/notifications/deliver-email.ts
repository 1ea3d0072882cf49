import { z } from 'zod';
import type { Database, Transaction } from '../../db/client.ts';
import { findHubSettings } from '../../db/repositories/hub-repository.ts';
import { insertOutboxMessage } from '../../db/repositories/outbox-repository.ts';
import { calendarEventSchema, renderCalendarInvite } from './calendar-invite.ts';
import type { Mailer } from './mailer.ts';
import { renderEmail } from './render-email.ts';

/** The payload of a `send_email` job: which template, to whom, in which language, with what. */
export const sendEmailPayloadSchema = z.object({
  template: z.string().min(1),
  to: z.email(),
  locale: z.string().min(2).max(20).default('fr'),
  params: z.record(z.string(), z.unknown()).default({}),
  /** A meeting to attach as an ICS invitation (`text/calendar`). */
  calendarEvent: calendarEventSchema.optional(),
});

export type SendEmailPayload = z.input<typeof sendEmailPayloadSchema>;

/** What delivering an e-mail needs. */
export type DeliverEmailContext = { db: Database; mailer: Mailer; publicUrl: string };

/** The job that carries the e-mail, as the worker hands it over. */
export type EmailJob = {
  id: number;
  createdAt: Date;
  completeWith(work: (tx: Transaction) => Promise<void>): Promise<void>;
};

/**
 * The Message-ID of a job's e-mail: the same at every try, so that a message delivered twice
 * (the worker died between the server's 250 and recording it) is recognisable downstream.
 */
export function messageIdOf(
  job: Pick<EmailJob, 'id' | 'createdAt'>,
  from: string,
  publicUrl: string,
) {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? new URL(publicUrl).hostname;
  return `<tandem.job-${job.id}.${job.createdAt.getTime().toString(36)}@${domain}>`;
}

/**
 * Renders the e-mail of a `send_email` job and delivers it: through SMTP (resolves after the
 * server's 250; the worker records the job done right after), or into the outbox in the
 * same transaction that marks the job done, so that the outbox gets it exactly once.
 */
export async function deliverEmail(
  context: DeliverEmailContext,
  payload: z.output<typeof sendEmailPayloadSchema>,
  job: EmailJob,
): Promise<void> {
  const hub = await findHubSettings(context.db);
  const email = renderEmail({
    template: payload.template,
    locale: payload.locale,
    params: payload.params,
    context: { hubName: hub?.name ?? 'Tandem', publicUrl: context.publicUrl },
  });
  const calendar = payload.calendarEvent ? renderCalendarInvite(payload.calendarEvent) : undefined;
  const messageId = messageIdOf(job, context.mailer.from, context.publicUrl);
  if (context.mailer.smtp) {
    await context.mailer.smtp.send({
      messageId,
      to: payload.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      calendar,
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Tandem-Job': String(job.id) },
    });
    return;
  }
  await job.completeWith(async (tx) => {
    await insertOutboxMessage(tx, {
      jobId: job.id,
      messageId,
      template: payload.template,
      locale: email.locale,
      fromAddress: context.mailer.from,
      toAddress: payload.to,
      subject: email.subject,
      textBody: email.text,
      htmlBody: email.html,
      calendar: calendar?.content ?? null,
    });
  });
}
