import { insertGoal, type GoalRow } from '../../db/repositories/tandems-repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { changeSharedPlan } from './change-shared-plan.ts';

export type AddTandemGoalOptions = {
  tandemId: string;
  kind: 'goal' | 'next_step';
  title: string;
  description?: string | null | undefined;
  /** `YYYY-MM-DD`. */
  dueOn?: string | null | undefined;
  origin: RequestOrigin;
};

/** Adds a goal or a next step that the pair shares (either side, or staff for them). */
export async function addTandemGoal(
  context: ServiceContext,
  options: AddTandemGoalOptions,
): Promise<GoalRow> {
  return changeSharedPlan(context, options, async (tx, tandem, actor, now) => {
    const goal = await insertGoal(tx, {
      tandemId: tandem.id,
      kind: options.kind,
      title: options.title,
      description: options.description ?? null,
      dueOn: options.dueOn ?? null,
      createdBy: actor.userId,
      createdAt: now,
    });
    await recordAudit(tx, options.origin, now, {
      action: 'tandem.goal_add',
      subjectType: 'tandem',
      subjectId: tandem.id,
      details: { goalId: goal.id, kind: goal.kind },
    });
    return goal;
  });
}
