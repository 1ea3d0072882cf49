import { insertMeeting, type MeetingRow } from '../../db/repositories/tandems-repository.ts';
import { findUserById } from '../../db/repositories/users-repository.ts';
import { addMinutes } from '../../domain/clock.ts';
import { AppError } from '../../domain/errors.ts';
import { requireRole } from '../../domain/policies.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin } from '../context.ts';
import type { CalendarEvent } from '../notifications/calendar-invite.ts';
import { queueEmailTo } from '../notifications/queue-email.ts';
import { loadTandemFor } from './load-tandem-for.ts';
import { meetingLinkFor, peopleOf, type LinkingContext } from './tandem-emails.ts';

export type PlanMeetingOptions = {
  tandemId: string;
  occursAt: Date;
  durationMinutes: number;
  mode: 'in_person' | 'remote';
  location?: string | null | undefined;
  origin: RequestOrigin;
};

/** Who plans meetings: either side, or hub staff on their behalf. */
const MEETING_PLANNERS = ['mentor', 'mentee', 'admin', 'coordinator'] as const;

/**
 * Plans the next meeting of an accepted or active tandem. Both sides receive an e-mail with a
 * calendar invitation (ICS, organised by whoever planned it) and a link to log the meeting
 * once held. A planned meeting is not a held one: it neither starts the tandem nor ends a
 * silence.
 */
export async function planMeeting(
  context: LinkingContext,
  options: PlanMeetingOptions,
): Promise<MeetingRow> {
  const actor = requireRole(options.origin.actor, MEETING_PLANNERS);
  const now = context.clock.now();
  if (options.occursAt.getTime() <= now.getTime()) {
    throw new AppError('validation_failed', 'Une rencontre se planifie dans le futur.', {
      fields: [{ field: 'body/occursAt', message: 'must be in the future' }],
    });
  }
  return context.db.transaction(async (tx) => {
    const { tandem } = await loadTandemFor(tx, {
      tandemId: options.tandemId,
      actor,
      staffToo: true,
      lock: true,
    });
    if (tandem.status !== 'accepted' && tandem.status !== 'active') {
      throw new AppError('tandem_transition_invalid');
    }
    const location = options.location?.trim() || null;
    const meeting = await insertMeeting(tx, {
      tandemId: tandem.id,
      status: 'planned',
      occursAt: options.occursAt,
      durationMinutes: options.durationMinutes,
      mode: options.mode,
      location,
      topics: [],
      loggedBy: actor.userId,
      createdAt: now,
    });
    await recordAudit(tx, options.origin, now, {
      action: 'tandem.meeting_plan',
      subjectType: 'tandem',
      subjectId: tandem.id,
      details: { meetingId: meeting.id, occursAt: options.occursAt.toISOString() },
    });
    const { mentee, mentor } = await peopleOf(tx, tandem);
    const planner = await findUserById(tx, actor.userId);
    const attendees = [mentee, mentor]
      .filter((person) => person.email)
      .map((person) => ({ name: `${person.firstName} ${person.lastName}`, email: person.email! }));
    const organizer = planner?.email ? planner : mentor.email ? mentor : mentee;
    const event: CalendarEvent | undefined =
      organizer.email && attendees.length > 0
        ? {
            uid: `meeting-${meeting.id}@tandem`,
            title: `Tandem : ${mentee.firstName} et ${mentor.firstName}`,
            description:
              options.mode === 'remote' ? 'Rencontre à distance.' : 'Rencontre en présentiel.',
            ...(location ? { location } : {}),
            start: options.occursAt.toISOString(),
            end: addMinutes(options.occursAt, options.durationMinutes).toISOString(),
            organizer: {
              name: `${organizer.firstName} ${organizer.lastName}`,
              email: organizer.email,
            },
            attendees,
          }
        : undefined;
    for (const [recipient, other] of [
      [mentee, mentor],
      [mentor, mentee],
    ] as const) {
      await queueEmailTo(
        tx,
        recipient,
        'meeting_planned',
        {
          tandemId: tandem.id,
          otherFirstName: other.firstName,
          occursAt: options.occursAt.toISOString(),
          durationMinutes: options.durationMinutes,
          mode: options.mode,
          location,
          meetingLink: meetingLinkFor(context, recipient, tandem.id),
        },
        { runAt: now, ...(event ? { calendarEvent: event } : {}) },
      );
    }
    return meeting;
  });
}
