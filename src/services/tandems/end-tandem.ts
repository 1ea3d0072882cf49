import { updateMenteeProfile } from '../../db/repositories/mentees-repository.ts';
import { type TandemRow } from '../../db/repositories/tandems-repository.ts';
import { requireRole } from '../../domain/policies.ts';
import type { EndReason } from '../../domain/tandems.ts';
import { loadTandemFor } from './load-tandem-for.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { queueEmailTo } from '../notifications/queue-email.ts';
import { coordinatorsOf, peopleOf } from './tandem-emails.ts';
import { transitionTandem } from './transition-tandem.ts';

export type EndTandemOptions = {
  tandemId: string;
  /** `completed`: the tandem ran its course; `ended_early`: it stops before, with a reason. */
  outcome: 'completed' | 'ended_early';
  reason: EndReason;
  comment?: string | null | undefined;
  origin: RequestOrigin;
};

/**
 * Ends a tandem: completed (once active) or ended early with a reason (once accepted), by
 * either side or a coordinator. The mentor's slot is freed; after an early end the mentee is
 * back in the waiting pool (unless it ended because the goal was reached or a job found), after
 * completion they are `completed`. The other side and the
 * coordinator are told.
 */
export async function endTandem(
  context: ServiceContext,
  options: EndTandemOptions,
): Promise<TandemRow> {
  requireRole(options.origin.actor, ['mentor', 'mentee', 'admin', 'coordinator']);
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    const { tandem, side } = await loadTandemFor(tx, {
      tandemId: options.tandemId,
      actor: options.origin.actor,
      staffToo: true,
      lock: true,
    });
    const ended = await transitionTandem(tx, {
      tandem,
      event: { kind: options.outcome === 'completed' ? 'complete' : 'end_early' },
      changes: {
        endedAt: now,
        endReason: options.reason,
        endComment: options.comment?.trim() || null,
        endedBy: options.origin.actor.kind === 'user' ? options.origin.actor.userId : null,
      },
      reason: options.reason,
      origin: options.origin,
      now,
    });
    // Ending early because the goal is reached (a job found) is a success, not a return to
    // the waiting pool.
    const isDone =
      options.outcome === 'completed' ||
      options.reason === 'goal_reached' ||
      options.reason === 'mentee_found_job';
    await updateMenteeProfile(
      tx,
      tandem.menteeId,
      isDone ? { status: 'completed' } : { status: 'waiting', waitingSince: now },
    );
    const { mentee, mentor } = await peopleOf(tx, tandem);
    const recipients = [
      ...(side === 'mentee' ? [] : [mentee]),
      ...(side === 'mentor' ? [] : [mentor]),
      ...(side === 'staff' ? [] : await coordinatorsOf(tx, tandem)),
    ];
    for (const recipient of recipients) {
      await queueEmailTo(
        tx,
        recipient,
        `tandem_${options.outcome}`,
        {
          tandemId: tandem.id,
          endedBy: side,
          reason: options.reason,
          menteeFirstName: mentee.firstName,
          mentorFirstName: mentor.firstName,
        },
        { runAt: now },
      );
    }
    return ended;
  });
}
