import type { Executor } from '../../db/client.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { clearSignInFailures, insertSession } from '../../db/repositories/auth-repository.ts';
import { recordSignIn, type UserRow } from '../../db/repositories/users-repository.ts';
import { SESSION_IDLE_MINUTES } from '../../domain/auth.ts';
import { addMinutes } from '../../domain/clock.ts';
import type { RequestOrigin } from '../context.ts';
import { createSecretToken } from './secret-tokens.ts';

/** A new session: the token goes in the cookie, only its hash is stored. */
export type StartedSession = { sessionToken: string; user: UserRow; expiresAt: Date };

/** Opens a session for a user who just proved who they are, and audits it. */
export async function startSession(
  tx: Executor,
  user: UserRow,
  method: 'link' | 'password',
  origin: RequestOrigin,
  now: Date,
): Promise<StartedSession> {
  const { token, hash } = createSecretToken();
  const expiresAt = addMinutes(now, SESSION_IDLE_MINUTES);
  await insertSession(tx, {
    tokenHash: hash,
    userId: user.id,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    ipAddress: origin.ipAddress ?? null,
    userAgent: origin.userAgent?.slice(0, 500) ?? null,
  });
  await recordSignIn(tx, user.id, now);
  await clearSignInFailures(tx, user.id);
  // The sign-in is the user's own act, whoever the request said it came from.
  const self: RequestOrigin = {
    ...origin,
    actor: { kind: 'user', userId: user.id, role: user.role, partnerId: user.partnerId },
  };
  await recordAudit(tx, self, now, {
    action: 'auth.sign_in',
    subjectType: 'user',
    subjectId: user.id,
    details: { method },
  });
  return { sessionToken: token, user: { ...user, status: 'active' }, expiresAt };
}
