import { updateGoal, type GoalRow } from '../../db/repositories/tandems-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { changeSharedPlan } from './change-shared-plan.ts';

export type UpdateTandemGoalOptions = {
  tandemId: string;
  goalId: string;
  status: GoalRow['status'];
  origin: RequestOrigin;
};

/**
 * Moves a shared goal or next step along (open, in progress, achieved, dropped), while the
 * tandem is under way.
 */
export async function updateTandemGoal(
  context: ServiceContext,
  options: UpdateTandemGoalOptions,
): Promise<GoalRow> {
  return changeSharedPlan(context, options, async (tx, tandem, _actor, now) => {
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
