import { sql } from 'drizzle-orm';
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { jobStatusEnum, roleEnum } from './enums.ts';
import { users } from './people.ts';

const timestamptz = () => timestamp({ withTimezone: true });

/** Who did what, when and from where: every staff read of a personal file and every write. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    at: timestamptz().notNull().defaultNow(),
    actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    actorRole: roleEnum(),
    action: text().notNull(),
    subjectType: text().notNull(),
    subjectId: text(),
    ipAddress: text(),
    userAgent: text(),
    details: jsonb(),
  },
  (t) => [index().on(t.subjectType, t.subjectId), index().on(t.actorId, t.at)],
);

/**
 * Durable jobs, written in the same transaction as the change that causes them and run by
 * the worker. `idempotencyKey` makes enqueueing the same side effect twice a no-op.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    name: text().notNull(),
    payload: jsonb()
      .notNull()
      .default(sql`'{}'::jsonb`),
    status: jobStatusEnum().notNull().default('pending'),
    runAt: timestamptz().notNull().defaultNow(),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(8),
    lastError: text(),
    lockedAt: timestamptz(),
    lockedBy: text(),
    idempotencyKey: text(),
    createdAt: timestamptz().notNull().defaultNow(),
    finishedAt: timestamptz(),
  },
  (t) => [
    uniqueIndex('jobs_idempotency_key_unique').on(t.idempotencyKey),
    index('jobs_due').on(t.status, t.runAt),
  ],
);
