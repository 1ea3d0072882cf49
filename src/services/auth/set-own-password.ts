import { updatePasswordHash, findUserById } from '../../db/repositories/users-repository.ts';
import { MIN_PASSWORD_LENGTH, PASSWORD_ROLES } from '../../domain/auth.ts';
import { AppError } from '../../domain/errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { hashPassword } from './password-hash.ts';

export type SetOwnPasswordOptions = { password: string; origin: RequestOrigin };

/** Lets a staff member (admin, coordinator, referrer) add or change their own password. */
export async function setOwnPassword(
  context: ServiceContext,
  options: SetOwnPasswordOptions,
): Promise<void> {
  const { actor } = options.origin;
  if (actor.kind !== 'user') throw new AppError('unauthenticated');
  if (!PASSWORD_ROLES.includes(actor.role)) throw new AppError('forbidden');
  if ([...options.password].length < MIN_PASSWORD_LENGTH) throw new AppError('password_too_weak');
  const hash = await hashPassword(options.password);
  const now = context.clock.now();
  await context.db.transaction(async (tx) => {
    if (!(await findUserById(tx, actor.userId))) throw new AppError('not_found');
    await updatePasswordHash(tx, actor.userId, hash);
    await recordAudit(tx, options.origin, now, {
      action: 'auth.password_set',
      subjectType: 'user',
      subjectId: actor.userId,
    });
  });
}
