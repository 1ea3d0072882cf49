import type { Executor } from '../../db/client.ts';
import {
  insertStatusHistory,
  updateTandem,
  type TandemChanges,
  type TandemRow,
} from '../../db/repositories/tandems-repository.ts';
import { applyTandemEvent, type TandemEvent } from '../../domain/tandem-lifecycle.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin } from '../context.ts';

export type TandemTransition = {
  /** The tandem as locked by the caller (`lockTandem`). */
  tandem: TandemRow;
  event: TandemEvent;
  /** Fields that change with the event (dates, reasons…). */
  changes?: TandemChanges;
  /** Why, in the status history (a code such as `reply_deadline_passed`, or the reason given). */
  reason?: string | null;
  origin: RequestOrigin;
  now: Date;
};

/**
 * Applies a lifecycle event inside the caller's transaction: the state machine decides, the
 * tandem is written with its opt-in decisions and fields, a status history row is added when
 * the status changes, and the change is audited. Capacity follows by itself: the trigger
 * frees the mentor's slot when the status stops holding one.
 */
export async function transitionTandem(
  tx: Executor,
  transition: TandemTransition,
): Promise<TandemRow> {
  const { tandem, event, now } = transition;
  const next = applyTandemEvent(tandem, event);
  const updated = await updateTandem(tx, tandem.id, {
    ...transition.changes,
    status: next.status,
    menteeDecision: next.menteeDecision,
    mentorDecision: next.mentorDecision,
  });
  const actorId = transition.origin.actor.kind === 'user' ? transition.origin.actor.userId : null;
  if (next.status !== tandem.status) {
    await insertStatusHistory(tx, [
      {
        tandemId: tandem.id,
        fromStatus: tandem.status,
        toStatus: next.status,
        changedBy: actorId,
        changedAt: now,
        reason: transition.reason ?? null,
      },
    ]);
  }
  await recordAudit(tx, transition.origin, now, {
    action: `tandem.${event.kind}`,
    subjectType: 'tandem',
    subjectId: tandem.id,
    details: {
      from: tandem.status,
      to: next.status,
      ...('side' in event ? { side: event.side } : {}),
    },
  });
  return updated;
}
