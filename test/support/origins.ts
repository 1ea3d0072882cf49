import type { Executor } from '../../src/db/client.ts';
import type { Role } from '../../src/domain/people.ts';
import type { RequestOrigin } from '../../src/services/context.ts';
import { createPartner, createUser } from './factories.ts';

/**
 * A request origin for a new user of `role`, to call services directly (a referrer gets a
 * partner of their own unless one is given).
 */
export async function originOf(
  db: Executor,
  role: Role,
  partnerId?: string,
): Promise<RequestOrigin> {
  const user = await createUser(db, {
    role,
    partnerId: role === 'referrer' ? (partnerId ?? (await createPartner(db)).id) : null,
  });
  return {
    actor: { kind: 'user', userId: user.id, role, partnerId: user.partnerId },
    ipAddress: '198.51.100.4',
    userAgent: 'vitest',
  };
}
