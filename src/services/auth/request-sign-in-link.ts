import { findUserByEmail } from '../../db/repositories/users-repository.ts';
import { SIGN_IN_LINK_TTL_MINUTES } from '../../domain/auth.ts';
import type { ServiceContext } from '../context.ts';
import { emailSignInLink } from './email-sign-in-link.ts';

export type RequestSignInLinkOptions = { email: string };

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
    if (!user || user.status === 'disabled' || user.erasedAt) return;
    await emailSignInLink(tx, { publicUrl: context.publicUrl, now }, user, {
      purpose: 'sign_in',
      template: 'sign_in_link',
      validMinutes: SIGN_IN_LINK_TTL_MINUTES,
    });
  });
}
