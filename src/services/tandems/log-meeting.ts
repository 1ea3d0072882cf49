import {
  insertCheckIns,
  insertMeeting,
  insertPrivateMeetingNote,
  listCheckIns,
  type MeetingRow,
} from '../../db/repositories/tandems-repository.ts';
import { addMinutes } from '../../domain/clock.ts';
import { AppError } from '../../domain/errors.ts';
import { requireRole } from '../../domain/policies.ts';
import { CHECK_IN_LINK_DAYS } from '../../domain/tandem-lifecycle.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { loadTandemFor } from './load-tandem-for.ts';
import type { RequestOrigin } from '../context.ts';
import { queueEmailTo } from '../notifications/queue-email.ts';
import { linkFor, meetingLinkFor, peopleOf, type LinkingContext } from './tandem-emails.ts';
import { transitionTandem } from './transition-tandem.ts';

export type LogMeetingOptions = {
  tandemId: string;
  occursAt: Date;
  durationMinutes: number;
  mode: 'in_person' | 'remote';
  topics: string[];
  /** Seen by both sides and the hub. */
  sharedSummary?: string | null | undefined;
  /** Seen by its author only: never by the other side, nor by the hub. */
  privateNote?: string | null | undefined;
  origin: RequestOrigin;
};

/** Who logs meetings: either side, or hub staff on their behalf. */
const MEETING_LOGGERS = ['mentor', 'mentee', 'admin', 'coordinator'] as const;

/**
 * Logs a meeting of an accepted or active tandem. The first one makes the tandem `active`
 * and sends both sides the "pairing fit" question (one-click answers). The other side is
 * told, with a link to log the next one.
 */
export async function logMeeting(
  context: LinkingContext,
  options: LogMeetingOptions,
): Promise<MeetingRow> {
  requireRole(options.origin.actor, MEETING_LOGGERS);
  const now = context.clock.now();
  if (options.occursAt.getTime() > addMinutes(now, 24 * 60).getTime()) {
    throw new AppError('validation_failed', 'Une rencontre se note une fois qu’elle a eu lieu.', {
      fields: [{ field: 'body/occursAt', message: 'must not be in the future' }],
    });
  }
  return context.db.transaction(async (tx) => {
    const loaded = await loadTandemFor(tx, {
      tandemId: options.tandemId,
      actor: options.origin.actor,
      staffToo: true,
      lock: true,
    });
    let tandem = loaded.tandem;
    const side = loaded.side;
    if (tandem.status !== 'accepted' && tandem.status !== 'active') {
      throw new AppError('tandem_transition_invalid');
    }
    const loggedBy = options.origin.actor.kind === 'user' ? options.origin.actor.userId : null;
    const meeting = await insertMeeting(tx, {
      tandemId: tandem.id,
      status: 'held',
      occursAt: options.occursAt,
      durationMinutes: options.durationMinutes,
      mode: options.mode,
      topics: options.topics,
      sharedSummary: options.sharedSummary ?? null,
      loggedBy,
      createdAt: now,
    });
    if (options.privateNote?.trim() && loggedBy) {
      await insertPrivateMeetingNote(tx, {
        authorId: loggedBy,
        tandemId: tandem.id,
        meetingId: meeting.id,
        body: options.privateNote.trim(),
        at: now,
      });
    }
    await recordAudit(tx, options.origin, now, {
      action: 'tandem.meeting_log',
      subjectType: 'tandem',
      subjectId: tandem.id,
      details: { meetingId: meeting.id, durationMinutes: options.durationMinutes },
    });
    const people = await peopleOf(tx, tandem);
    if (tandem.status === 'accepted') {
      tandem = await transitionTandem(tx, {
        tandem,
        event: { kind: 'start' },
        changes: { startedAt: options.occursAt },
        reason: 'first_meeting',
        origin: options.origin,
        now,
      });
      if ((await listCheckIns(tx, tandem.id, 'pairing_fit')).length === 0) {
        const checkIns = await insertCheckIns(
          tx,
          (['mentee', 'mentor'] as const).map((respondentSide) => ({
            tandemId: tandem.id,
            respondentId: respondentSide === 'mentee' ? tandem.menteeId : tandem.mentorId,
            side: respondentSide,
            kind: 'pairing_fit' as const,
            status: 'sent' as const,
            dueAt: now,
            sentAt: now,
          })),
        );
        for (const checkIn of checkIns) {
          const recipient = checkIn.side === 'mentee' ? people.mentee : people.mentor;
          const expiresAt = addMinutes(now, CHECK_IN_LINK_DAYS * 24 * 60);
          await queueEmailTo(
            tx,
            recipient,
            'pairing_fit_question',
            {
              tandemId: tandem.id,
              otherFirstName: (checkIn.side === 'mentee' ? people.mentor : people.mentee).firstName,
              answerLink: linkFor(context, 'check_in_answer', recipient, checkIn.id, expiresAt),
            },
            { runAt: now },
          );
        }
      }
    }
    const others =
      side === 'mentee'
        ? [people.mentor]
        : side === 'mentor'
          ? [people.mentee]
          : [people.mentee, people.mentor];
    for (const recipient of others) {
      await queueEmailTo(
        tx,
        recipient,
        'meeting_logged',
        {
          tandemId: tandem.id,
          occursAt: options.occursAt.toISOString(),
          durationMinutes: options.durationMinutes,
          mode: options.mode,
          topics: options.topics,
          sharedSummary: options.sharedSummary ?? null,
          meetingLink: meetingLinkFor(context, recipient, tandem.id),
        },
        { runAt: now },
      );
    }
    return meeting;
  });
}
