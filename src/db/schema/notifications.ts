import {
  bigint,
  bigserial,
  index,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const timestamptz = () => timestamp({ withTimezone: true });

/**
 * Every e-mail rendered while no SMTP server is configured (development, trials): staff read
 * them in the app instead of an inbox. One row per `send_email` job, never two.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    jobId: bigint({ mode: 'number' }).notNull(),
    messageId: text().notNull(),
    template: text().notNull(),
    locale: text().notNull(),
    fromAddress: text().notNull(),
    toAddress: text().notNull(),
    subject: text().notNull(),
    textBody: text().notNull(),
    htmlBody: text().notNull(),
    /** The `text/calendar` invitation (ICS), when the e-mail carries one. */
    calendar: text(),
    createdAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('outbox_messages_job_unique').on(t.jobId),
    index('outbox_messages_recent').on(t.createdAt, t.id),
    index('outbox_messages_to').on(t.toAddress),
  ],
);
