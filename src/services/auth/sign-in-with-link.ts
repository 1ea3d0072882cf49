import { consumeSignInToken } from '../../db/repositories/auth-repository.ts';
import { findUserById } from '../../db/repositories/users-repository.ts';
import { AppError } from '../../domain/errors.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { hashSecretToken } from './secret-tokens.ts';
import { startSession, type StartedSession } from './start-session.ts';

export type SignInWithLinkOptions = { token: string; origin: RequestOrigin };

/**
 * Exchanges a sign-in or invitation link for a session. The link is consumed in the same
 * statement that checks it, so a replay — even a concurrent one — fails; an expired link, or
 * one whose account has since been disabled, is refused and opens nothing.
 */
export async function signInWithLink(
  context: ServiceContext,
  options: SignInWithLinkOptions,
): Promise<StartedSession> {
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    const consumed = await consumeSignInToken(tx, hashSecretToken(options.token), now);
    if (!consumed) throw new AppError('sign_in_link_invalid');
    const user = await findUserById(tx, consumed.userId);
    if (!user || user.status === 'disabled' || user.erasedAt) {
      throw new AppError('sign_in_link_invalid');
    }
    return startSession(tx, user, 'link', options.origin, now);
  });
}
