import type { Executor } from '../../db/client.ts';
import {
  findTandem,
  lockTandem,
  type TandemRow,
} from '../../db/repositories/tandems-repository.ts';
import type { Actor } from '../../domain/auth.ts';
import { AppError } from '../../domain/errors.ts';
import { requireTandemAccess, type TandemSide } from '../../domain/tandem-lifecycle.ts';

/**
 * The tandem a caller acts on, after the access policy: one of its sides, or staff when
 * `staffToo`. An unknown tandem and someone else's answer the same `not_found`. `lock` holds
 * the row until the transaction ends, for changes that must not interleave.
 */
export async function loadTandemFor(
  tx: Executor,
  options: { tandemId: string; actor: Actor; staffToo: boolean; lock: boolean },
): Promise<{ tandem: TandemRow; side: TandemSide | 'staff' }> {
  const tandem = options.lock
    ? await lockTandem(tx, options.tandemId)
    : await findTandem(tx, options.tandemId);
  if (!tandem) throw new AppError('not_found', 'Tandem introuvable.');
  return {
    tandem,
    side: requireTandemAccess(options.actor, tandem, { staffToo: options.staffToo }),
  };
}
