import nodemailer from 'nodemailer';
import type { MailConfig } from '../../config/config.ts';
import type { CalendarInvite } from './calendar-invite.ts';

/** An e-mail ready for the wire. */
export type OutgoingEmail = {
  /** Deterministic per job (`<…@host>`), so that a second delivery is recognisable. */
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  calendar?: CalendarInvite | undefined;
  /** Extra headers (the job id, `Auto-Submitted`). */
  headers?: Record<string, string>;
};

/** Where e-mails go: an SMTP server, or (no `smtp`) the local outbox in the database. */
export type Mailer = {
  from: string;
  smtp?: {
    /** Resolves once the server accepted the message (250 to DATA). */
    send(message: OutgoingEmail): Promise<void>;
    close(): void;
  };
};

/** The SMTP server refused the message for good (5xx): retrying would not help. */
export class EmailRejectedError extends Error {
  override name = 'EmailRejectedError';
}

/**
 * Connection, greeting and socket timeouts: a send never hangs longer than these, which keeps
 * it well inside the worker's job lease.
 */
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/** The mailer the configuration names: nodemailer over `SMTP_URL`, else the outbox. */
export function createMailer(mail: MailConfig): Mailer {
  if (!mail.smtpUrl) return { from: mail.from };
  const transport = nodemailer.createTransport({ url: mail.smtpUrl, ...SMTP_TIMEOUTS });
  return {
    from: mail.from,
    smtp: {
      async send(message) {
        try {
          await transport.sendMail({
            from: mail.from,
            to: message.to,
            subject: message.subject,
            text: message.text,
            html: message.html,
            messageId: message.messageId,
            headers: message.headers ?? {},
            ...(message.calendar
              ? {
                  icalEvent: {
                    method: message.calendar.method,
                    filename: 'invitation.ics',
                    content: message.calendar.content,
                  },
                }
              : {}),
          });
        } catch (error) {
          const responseCode = (error as { responseCode?: number }).responseCode;
          if (responseCode !== undefined && responseCode >= 500 && responseCode < 600) {
            throw new EmailRejectedError(
              `the SMTP server refused the message (${responseCode}): ${(error as Error).message}`,
            );
          }
          throw error;
        }
      },
      close: () => transport.close(),
    },
  };
}
