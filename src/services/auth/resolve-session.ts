import { findSessionUser, touchSession } from '../../db/repositories/auth-repository.ts';
import { ANONYMOUS, SESSION_IDLE_MINUTES, type Actor } from '../../domain/auth.ts';
import { addMinutes } from '../../domain/clock.ts';
import type { ServiceContext } from '../context.ts';
import { hashSecretToken } from './secret-tokens.ts';

/** Sessions are extended at most this often, so that reads do not write on every request. */
const TOUCH_INTERVAL_MINUTES = 5;

/**
 * The actor behind a session cookie: anonymous when there is none, or when the session is
 * revoked, expired, or belongs to a disabled account.
 */
export async function resolveSession(
  context: ServiceContext,
  sessionToken: string | undefined,
): Promise<Actor> {
  if (!sessionToken) return ANONYMOUS;
  const now = context.clock.now();
  const hash = hashSecretToken(sessionToken);
  const row = await findSessionUser(context.db, hash, now);
  if (!row || row.status === 'disabled') return ANONYMOUS;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MINUTES * 60_000) {
    await touchSession(context.db, hash, now, addMinutes(now, SESSION_IDLE_MINUTES));
  }
  return { kind: 'user', userId: row.userId, role: row.role, partnerId: row.partnerId };
}
