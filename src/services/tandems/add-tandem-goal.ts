import { insertGoal, type GoalRow } from '../../db/repositories/tandems-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { requireRole } from '../../domain/policies.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { loadTandemFor } from './load-tandem-for.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';

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
