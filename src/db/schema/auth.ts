import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { roleEnum } from './enums.ts';
import { partners, users } from './people.ts';

const timestamptz = () => timestamp({ withTimezone: true });

export const signInTokenPurposeEnum = pgEnum('sign_in_token_purpose', ['sign_in', 'invitation']);

/**
 * Single-use sign-in links. Only a SHA-256 hash of the token is stored: a database leak does
 * not hand out working links. `usedAt` makes a link single use; `expiresAt` short-lived.
 */
export const signInTokens = pgTable(
  'sign_in_tokens',
  {
    tokenHash: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: signInTokenPurposeEnum().notNull(),
    createdAt: timestamptz().notNull().defaultNow(),
    expiresAt: timestamptz().notNull(),
    usedAt: timestamptz(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index().on(t.userId)],
);

/** Signed-in sessions. The cookie carries a random token; the table keeps its hash. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamptz().notNull().defaultNow(),
    lastSeenAt: timestamptz().notNull().defaultNow(),
    expiresAt: timestamptz().notNull(),
    revokedAt: timestamptz(),
    ipAddress: text(),
    userAgent: text(),
  },
  (t) => [index().on(t.userId)],
);

/** Failed password sign-ins, per account, for lock-out. */
export const signInFailures = pgTable('sign_in_failures', {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  failures: integer().notNull().default(0),
  lastFailureAt: timestamptz().notNull().defaultNow(),
  lockedUntil: timestamptz(),
});

/** Who invited whom, as what (and for which partner), for the audit trail and reminders. */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: roleEnum().notNull(),
    partnerId: uuid().references(() => partners.id),
    invitedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamptz().notNull().defaultNow(),
    acceptedAt: timestamptz(),
  },
  (t) => [index().on(t.userId)],
);
