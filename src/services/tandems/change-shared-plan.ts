import type { Transaction } from '../../db/client.ts';
import type { TandemRow } from '../../db/repositories/tandems-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { requireRole, type UserActor } from '../../domain/policies.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { loadTandemFor } from './load-tandem-for.ts';

/**
 * Runs a change to the goals and next steps a pair shares, in one transaction: either side
 * or staff may make it, and only while the tandem is under way (accepted or active).
 */
export async function changeSharedPlan<Result>(
  context: ServiceContext,
  options: { tandemId: string; origin: RequestOrigin },
  change: (tx: Transaction, tandem: TandemRow, actor: UserActor, now: Date) => Promise<Result>,
): Promise<Result> {
  const actor = requireRole(options.origin.actor, ['mentor', 'mentee', 'admin', 'coordinator']);
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    const { tandem } = await loadTandemFor(tx, {
      tandemId: options.tandemId,
      actor,
      staffToo: true,
      lock: false,
    });
    if (tandem.status !== 'accepted' && tandem.status !== 'active') {
      throw new AppError('tandem_transition_invalid');
    }
    return change(tx, tandem, actor, now);
  });
}
