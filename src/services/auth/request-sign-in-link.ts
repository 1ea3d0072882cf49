import { insertSignInToken } from '../../db/repositories/auth-repository.ts';
import { enqueueJob } from '../../db/repositories/jobs-repository.ts';
import { findUserByEmail } from '../../db/repositories/users-repository.ts';
import { SIGN_IN_LINK_TTL_MINUTES } from '../../domain/auth.ts';
import { addMinutes } from '../../domain/clock.ts';
import type { ServiceContext } from '../context.ts';
import { createSecretToken } from './secret-tokens.ts';

export type RequestSignInLinkOptions = { email: string };

/** The address a sign-in or invitation link opens; the token stays in the fragment. */
export function signInLinkUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/connexion#jeton=${token}`;
}

/**
 * Sends a single-use sign-in link by e-mail (as a durable job, in the same transaction).
 * Answers the same whether or not the address has an account, so the form cannot be used to
 * find out who is registered; disabled and erased accounts get nothing.
 */
export async function requestSignInLink(
  context: ServiceContext,
  options: RequestSignInLinkOptions,
): Promise<void> {
  const now = context.clock.now();
  await context.db.transaction(async (tx) => {
    const user = await findUserByEmail(tx, options.email.trim());
    if (!user || user.status === 'disabled' || user.erasedAt || !user.email) return;
    const { token, hash } = createSecretToken();
    await insertSignInToken(tx, {
      tokenHash: hash,
      userId: user.id,
      purpose: 'sign_in',
      createdAt: now,
      expiresAt: addMinutes(now, SIGN_IN_LINK_TTL_MINUTES),
    });
    await enqueueJob(tx, {
      name: 'send_email',
      payload: {
        template: 'sign_in_link',
        to: user.email,
        locale: user.locale,
        params: {
          firstName: user.firstName,
          link: signInLinkUrl(context.publicUrl, token),
          validMinutes: SIGN_IN_LINK_TTL_MINUTES,
        },
      },
    });
  });
}
