import type { Executor } from '../../db/client.ts';
import { insertSignInToken } from '../../db/repositories/auth-repository.ts';
import { queueEmailTo } from '../notifications/queue-email.ts';
import type { UserRow } from '../../db/repositories/users-repository.ts';
import { addMinutes } from '../../domain/clock.ts';
import { createSecretToken } from './secret-tokens.ts';

export type SignInLinkEmail = {
  purpose: 'sign_in' | 'invitation';
  /** The e-mail template (see the notifications issue), e.g. `sign_in_link`, `invitation`. */
  template: string;
  validMinutes: number;
  /** Extra template parameters; `firstName`, `link` and `validMinutes` are always set. */
  params?: Record<string, unknown>;
  createdBy?: string | null;
};

/** The address a sign-in or invitation link opens; the token stays in the fragment. */
export function signInLinkUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/connexion#jeton=${token}`;
}

/**
 * Issues a single-use link for `user` (only its hash is stored) and queues the e-mail that
 * carries it, in the caller's transaction. Does nothing for a user without an e-mail address.
 */
export async function emailSignInLink(
  tx: Executor,
  context: { publicUrl: string; now: Date },
  user: UserRow,
  email: SignInLinkEmail,
): Promise<void> {
  if (!user.email) return;
  const { token, hash } = createSecretToken();
  await insertSignInToken(tx, {
    tokenHash: hash,
    userId: user.id,
    purpose: email.purpose,
    createdAt: context.now,
    expiresAt: addMinutes(context.now, email.validMinutes),
    createdBy: email.createdBy ?? null,
  });
  await queueEmailTo(
    tx,
    user,
    email.template,
    {
      ...email.params,
      link: signInLinkUrl(context.publicUrl, token),
      validMinutes: email.validMinutes,
    },
    { runAt: context.now },
  );
}
