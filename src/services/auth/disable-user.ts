import { expireSignInTokensOf, revokeSessionsOf } from '../../db/repositories/auth-repository.ts';
import { findUserById, updateUserStatus } from '../../db/repositories/users-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';

export type DisableUserOptions = { userId: string; origin: RequestOrigin };

/**
 * Disables an account (admins and coordinators; only an admin may disable staff): its
 * sessions end and its pending links stop working, in one transaction.
 */
export async function disableUser(
  context: ServiceContext,
  options: DisableUserOptions,
): Promise<void> {
  const { actor } = options.origin;
  if (actor.kind !== 'user') throw new AppError('unauthenticated');
  if (actor.role !== 'admin' && actor.role !== 'coordinator') throw new AppError('forbidden');
  const now = context.clock.now();
  await context.db.transaction(async (tx) => {
    const user = await findUserById(tx, options.userId);
    if (!user) throw new AppError('not_found');
    if (actor.role !== 'admin' && (user.role === 'admin' || user.role === 'coordinator')) {
      throw new AppError('forbidden');
    }
    await updateUserStatus(tx, user.id, 'disabled');
    await revokeSessionsOf(tx, user.id, now);
    await expireSignInTokensOf(tx, user.id, now);
    await recordAudit(tx, options.origin, now, {
      action: 'user.disable',
      subjectType: 'user',
      subjectId: user.id,
    });
  });
}
