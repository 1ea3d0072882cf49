import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { sessions, signInFailures, signInTokens, users } from '../schema/index.ts';

/** Stores a sign-in or invitation token's hash. */
export async function insertSignInToken(
  db: Executor,
  values: typeof signInTokens.$inferInsert,
): Promise<void> {
  await db.insert(signInTokens).values(values);
}

/**
 * Marks a token used and returns its user, in one statement: of two concurrent attempts
 * with the same link, exactly one gets the row back.
 */
export async function consumeSignInToken(
  db: Executor,
  tokenHash: string,
  now: Date,
): Promise<{ userId: string; purpose: 'sign_in' | 'invitation' } | undefined> {
  const [row] = await db
    .update(signInTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(signInTokens.tokenHash, tokenHash),
        isNull(signInTokens.usedAt),
        gt(signInTokens.expiresAt, now),
      ),
    )
    .returning({ userId: signInTokens.userId, purpose: signInTokens.purpose });
  return row;
}

/** Stores a new session's hash. */
export async function insertSession(
  db: Executor,
  values: typeof sessions.$inferInsert,
): Promise<void> {
  await db.insert(sessions).values(values);
}

/** The user behind a live session (not revoked, not expired). */
export async function findSessionUser(db: Executor, tokenHash: string, now: Date) {
  const [row] = await db
    .select({
      userId: users.id,
      role: users.role,
      partnerId: users.partnerId,
      status: users.status,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, tokenHash),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
      ),
    );
  return row;
}

/** Extends a session that is being used. */
export async function touchSession(
  db: Executor,
  tokenHash: string,
  now: Date,
  expiresAt: Date,
): Promise<void> {
  await db
    .update(sessions)
    .set({ lastSeenAt: now, expiresAt })
    .where(eq(sessions.tokenHash, tokenHash));
}

/** Ends one session. */
export async function revokeSession(db: Executor, tokenHash: string, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)));
}

/** Ends every session of a user; returns how many were live. */
export async function revokeSessionsOf(db: Executor, userId: string, now: Date): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ tokenHash: sessions.tokenHash });
  return rows.length;
}

/** Invalidates every unused link of a user (on sign-out everywhere or when disabled). */
export async function expireSignInTokensOf(db: Executor, userId: string, now: Date): Promise<void> {
  await db
    .update(signInTokens)
    .set({ usedAt: now })
    .where(and(eq(signInTokens.userId, userId), isNull(signInTokens.usedAt)));
}

/** The account's lock-out state. */
export async function findSignInFailures(db: Executor, userId: string) {
  const [row] = await db.select().from(signInFailures).where(eq(signInFailures.userId, userId));
  return row;
}

/** Counts one more wrong password; locks the account once `maxFailures` is reached. */
export async function recordSignInFailure(
  db: Executor,
  userId: string,
  now: Date,
  maxFailures: number,
  lockUntil: Date,
): Promise<void> {
  await db
    .insert(signInFailures)
    .values({ userId, failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({
      target: signInFailures.userId,
      set: {
        failures: sql`${signInFailures.failures} + 1`,
        lastFailureAt: now,
        lockedUntil: sql`CASE WHEN ${signInFailures.failures} + 1 >= ${maxFailures} THEN ${lockUntil.toISOString()}::timestamptz ELSE NULL END`,
      },
    });
}

/** Forgets past failures after a successful sign-in. */
export async function clearSignInFailures(db: Executor, userId: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.userId, userId));
}
