import { updateGoal, type GoalRow } from '../../db/repositories/tandems-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { requireRole } from '../../domain/policies.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { loadTandemFor } from './load-tandem-for.ts';
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
    const { tandem } = await loadTandemFor(tx, {
      tandemId: options.tandemId,
      actor,
      staffToo: true,
      lock: false,
    });
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
