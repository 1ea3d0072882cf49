import {
  listCheckIns,
  listGoals,
  listMeetings,
  listOwnMeetingNotes,
  listStatusHistory,
  type CheckInRow,
  type GoalRow,
  type MeetingRow,
  type StatusHistoryRow,
  type TandemRow,
} from '../../db/repositories/tandems-repository.ts';
import { requireRole } from '../../domain/policies.ts';
import { type TandemSide } from '../../domain/tandem-lifecycle.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { loadTandemFor } from './load-tandem-for.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { reasonsOf, visibleMenteeProfile, visibleMentorProfile } from './tandem-emails.ts';
import type { VisibleProfile } from '../../domain/visible-profile.ts';

export type GetTandemOptions = { tandemId: string; origin: RequestOrigin };

/** A tandem as one reader may see it. */
export type TandemView = {
  tandem: TandemRow;
  viewer: TandemSide | 'staff';
  mentor: VisibleProfile;
  mentee: VisibleProfile;
  reasons: string[];
  meetings: MeetingRow[];
  goals: GoalRow[];
  /** The reader's own private meeting notes; nobody else's. */
  ownNotes: { meetingId: string | null; body: string; createdAt: Date }[];
  /** The reader's own pending check-ins (to answer in the app). */
  pendingCheckIns: CheckInRow[];
  history: StatusHistoryRow[];
};

/**
 * One tandem, for its two sides and hub staff (a staff read is audited). Each side sees the
 * other's visible profile only; private meeting notes are the reader's own.
 */
export async function getTandem(
  context: ServiceContext,
  options: GetTandemOptions,
): Promise<TandemView> {
  const actor = requireRole(options.origin.actor, ['mentor', 'mentee', 'admin', 'coordinator']);
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    const { tandem, side: viewer } = await loadTandemFor(tx, {
      tandemId: options.tandemId,
      actor,
      staffToo: true,
      lock: false,
    });
    if (viewer === 'staff') {
      await recordAudit(tx, options.origin, now, {
        action: 'tandem.read',
        subjectType: 'tandem',
        subjectId: tandem.id,
      });
    }
    const checkIns = await listCheckIns(tx, tandem.id);
    return {
      tandem,
      viewer,
      mentor: await visibleMentorProfile(tx, tandem.mentorId),
      mentee: await visibleMenteeProfile(tx, tandem.menteeId),
      reasons: reasonsOf(tandem.explanation),
      meetings: await listMeetings(tx, tandem.id),
      goals: await listGoals(tx, tandem.id),
      ownNotes: await listOwnMeetingNotes(tx, tandem.id, actor.userId),
      pendingCheckIns: checkIns.filter(
        (checkIn) => checkIn.respondentId === actor.userId && checkIn.status !== 'answered',
      ),
      history: await listStatusHistory(tx, tandem.id),
    };
  });
}
