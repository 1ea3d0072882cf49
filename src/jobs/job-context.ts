import type { Database } from '../db/client.ts';
import type { Clock } from '../domain/clock.ts';
import type { Mailer } from '../services/notifications/mailer.ts';

/** What every job handler receives: the same things services do, plus the mailer. */
export type JobContext = {
  db: Database;
  clock: Clock;
  publicUrl: string;
  mailer: Mailer;
  /** Signs the one-click links that jobs put in e-mails (the app secret). */
  linkSecret: string;
};
