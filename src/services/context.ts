import type { Database } from '../db/client.ts';
import type { Actor } from '../domain/auth.ts';
import type { Clock } from '../domain/clock.ts';

/** What every service receives: the database, the clock and the hub's public address. */
export type ServiceContext = {
  db: Database;
  clock: Clock;
  publicUrl: string;
};

/** Who asks, and from where: for policies and the audit log. */
export type RequestOrigin = {
  actor: Actor;
  ipAddress?: string | undefined;
  userAgent?: string | undefined;
};
