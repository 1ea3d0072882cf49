import { findTandem, updateGoal, type GoalRow } from '../../db/repositories/tandems-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { requireRole } from '../../domain/policies.ts';
import { requireTandemAccess } from '../../domain/tandem-lifecycle.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';

export type UpdateTandemGoalOptions = {
  tandemId: string;
  goalId: string;
  status: GoalRow['status'];
  origin: RequestOrigin;
};

/** Moves a shared goal or next step along (open, in progress, achieved, dropped). */
export async function updateTandemGoal(
  context: ServiceContext,
  options: UpdateTandemGoalOptions,
): Promise<GoalRow> {
  const actor = requireRole(options.origin.actor, ['mentor', 'mentee', 'admin', 'coordinator']);
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    const tandem = await findTandem(tx, options.tandemId);
    if (!tandem) throw new AppError('not_found', 'Tandem introuvable.');
    requireTandemAccess(actor, tandem, { staffToo: true });
    const goal = await updateGoal(tx, tandem.id, options.goalId, {
      status: options.status,
      achievedAt: options.status === 'achieved' ? now : null,
    });
    if (!goal) throw new AppError('not_found', 'Objectif introuvable.');
    await recordAudit(tx, options.origin, now, {
      action: 'tandem.goal_update',
      subjectType: 'tandem',
      subjectId: tandem.id,
      details: { goalId: goal.id, status: goal.status },
    });
    return goal;
  });
}
