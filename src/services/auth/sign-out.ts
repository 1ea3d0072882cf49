import {
  expireSignInTokensOf,
  revokeSession,
  revokeSessionsOf,
} from '../../db/repositories/auth-repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { AppError } from '../../domain/errors.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { hashSecretToken } from './secret-tokens.ts';

export type SignOutOptions = {
  sessionToken: string | undefined;
  origin: RequestOrigin;
  /** End every session of the account, on every device, and void its pending links. */
  everywhere: boolean;
};

/** Ends the current session, or all of the account's sessions. */
export async function signOut(context: ServiceContext, options: SignOutOptions): Promise<void> {
  const { actor } = options.origin;
  if (actor.kind !== 'user') throw new AppError('unauthenticated');
  const now = context.clock.now();
  await context.db.transaction(async (tx) => {
    if (options.everywhere) {
      await revokeSessionsOf(tx, actor.userId, now);
      await expireSignInTokensOf(tx, actor.userId, now);
    } else if (options.sessionToken) {
      await revokeSession(tx, hashSecretToken(options.sessionToken), now);
    }
    await recordAudit(tx, options.origin, now, {
      action: options.everywhere ? 'auth.sign_out_everywhere' : 'auth.sign_out',
      subjectType: 'user',
      subjectId: actor.userId,
    });
  });
}
