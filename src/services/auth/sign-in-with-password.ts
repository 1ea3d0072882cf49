import { findSignInFailures, recordSignInFailure } from '../../db/repositories/auth-repository.ts';
import { findUserByEmail } from '../../db/repositories/users-repository.ts';
import { LOCKOUT_MINUTES, MAX_PASSWORD_FAILURES, PASSWORD_ROLES } from '../../domain/auth.ts';
import { addMinutes } from '../../domain/clock.ts';
import { AppError } from '../../domain/errors.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { DECOY_PASSWORD_HASH, verifyPassword } from './password-hash.ts';
import { startSession, type StartedSession } from './start-session.ts';

export type SignInWithPasswordOptions = { email: string; password: string; origin: RequestOrigin };

/**
 * Staff sign-in with a password. After MAX_PASSWORD_FAILURES wrong passwords in a row the
 * account is locked for LOCKOUT_MINUTES (e-mail links still work). Unknown addresses cost
 * the same scrypt work as known ones and get the same answer.
 */
export async function signInWithPassword(
  context: ServiceContext,
  options: SignInWithPasswordOptions,
): Promise<StartedSession> {
  const now = context.clock.now();
  const user = await findUserByEmail(context.db, options.email.trim());
  const usable =
    user && PASSWORD_ROLES.includes(user.role) && user.passwordHash && !user.erasedAt
      ? user
      : undefined;
  if (usable) {
    const failures = await findSignInFailures(context.db, usable.id);
    if (failures?.lockedUntil && failures.lockedUntil > now) throw new AppError('account_locked');
  }
  const matches = await verifyPassword(
    options.password,
    usable?.passwordHash ?? DECOY_PASSWORD_HASH,
  );
  if (!usable || !matches) {
    if (usable) {
      await recordSignInFailure(
        context.db,
        usable.id,
        now,
        MAX_PASSWORD_FAILURES,
        addMinutes(now, LOCKOUT_MINUTES),
      );
    }
    throw new AppError('sign_in_failed');
  }
  if (usable.status === 'disabled') throw new AppError('account_disabled');
  return context.db.transaction((tx) => startSession(tx, usable, 'password', options.origin, now));
}
