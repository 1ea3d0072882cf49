import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../test/support/clock.ts';
import { failureCode } from '../../../test/support/errors.ts';
import {
  createMentee,
  createMentor,
  createPartner,
  createTandem,
  createUser,
  defaultProgramId,
} from '../../../test/support/factories.ts';
import { actionLinkPathFor, queuedEmailsTo } from '../../../test/support/outbox.ts';
import { linkingContextFor } from '../../../test/support/linking-context.ts';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import { alerts, checkIns } from '../../db/schema/index.ts';
import { addMonths } from '../../domain/follow-up.ts';
import type { RequestOrigin } from '../context.ts';
import { logMeeting } from '../tandems/log-meeting.ts';
import { planMeeting } from '../tandems/plan-meeting.ts';
import type { LinkingContext } from '../tandems/tandem-emails.ts';
import { useActionLink } from '../tandems/use-action-link.ts';
import { answerCheckIn } from './answer-check-in.ts';
import { processFollowUps } from './process-follow-ups.ts';

const DAY = 24 * 60;
let handle: DatabaseHandle;
const clock = manualClock(new Date('2027-03-01T08:00:00Z'));
let context: LinkingContext;

beforeAll(async () => {
  handle = await createTestDatabase();
  context = linkingContextFor(handle.db, clock);
});
afterAll(async () => handle.close());

const asUser = (user: { id: string; role: string }): RequestOrigin => ({
  actor: { kind: 'user', userId: user.id, role: user.role as 'mentee', partnerId: null },
});

/** An active tandem started now, with a referred mentee and one coordinator at the hub. */
async function activeTandem() {
  const partner = await createPartner(handle.db);
  const referrer = await createUser(handle.db, { role: 'referrer', partnerId: partner.id });
  const coordinator = await createUser(handle.db, { role: 'coordinator' });
  const mentor = await createMentor(handle.db);
  const mentee = await createMentee(handle.db, { partnerId: partner.id, referrerId: referrer.id });
  const tandem = await createTandem(handle.db, {
    programId: await defaultProgramId(handle.db),
    menteeId: mentee.user.id,
    mentorId: mentor.user.id,
    status: 'active',
    acceptedAt: clock.now(),
    startedAt: clock.now(),
  });
  return { partner, referrer, coordinator, mentor: mentor.user, mentee: mentee.user, tandem };
}

async function checkInsOf(tandemId: string) {
  return handle.db.select().from(checkIns).where(eq(checkIns.tandemId, tandemId));
}

async function alertsOf(tandemId: string, kind?: string) {
  const rows = await handle.db.select().from(alerts).where(eq(alerts.tandemId, tandemId));
  return kind ? rows.filter((row) => row.kind === kind) : rows;
}

describe('check-ins', () => {
  it('plans, sends, reminds and misses check-ins once each, and alerts on a missed one', async () => {
    const start = clock.now();
    const { tandem, mentee, mentor, coordinator, referrer, partner } = await activeTandem();

    expect((await processFollowUps(context)).scheduled).toBeGreaterThanOrEqual(6);
    expect((await processFollowUps(context)).scheduled).toBe(0);
    const planned = await checkInsOf(tandem.id);
    expect(planned).toHaveLength(6);
    expect(planned.every((row) => row.status === 'scheduled')).toBe(true);
    expect(planned.filter((row) => row.monthNumber === 3)[0]!.dueAt).toEqual(addMonths(start, 3));

    clock.set(new Date(addMonths(start, 1).getTime() + 60_000));
    await processFollowUps(context);
    expect(await queuedEmailsTo(handle.db, mentee.email, 'check_in_survey')).toHaveLength(1);
    expect(await queuedEmailsTo(handle.db, mentor.email, 'check_in_survey')).toHaveLength(1);
    await processFollowUps(context);
    expect(await queuedEmailsTo(handle.db, mentee.email, 'check_in_survey')).toHaveLength(1);

    clock.advanceMinutes(7 * DAY);
    await processFollowUps(context);
    await processFollowUps(context);
    expect(await queuedEmailsTo(handle.db, mentee.email, 'check_in_survey_reminder')).toHaveLength(
      1,
    );

    // The mentor answers the reminder's link; the mentee never does.
    const path = await actionLinkPathFor(
      handle.db,
      mentor.email,
      'check_in_survey_reminder',
      'answerLink',
    );
    await useActionLink(context, {
      token: path.split('/liens/')[1]!,
      form: { satisfaction: '4', onTrack: 'yes' },
    });

    clock.advanceMinutes(7 * DAY);
    await processFollowUps(context);
    await processFollowUps(context);
    const monthOne = (await checkInsOf(tandem.id)).filter((row) => row.monthNumber === 1);
    expect(monthOne.map((row) => [row.side, row.status]).sort()).toEqual([
      ['mentee', 'missed'],
      ['mentor', 'answered'],
    ]);
    const unanswered = await alertsOf(tandem.id, 'check_in_unanswered');
    expect(unanswered).toHaveLength(1);
    expect(unanswered[0]).toMatchObject({ partnerId: partner.id, menteeId: mentee.id });
    for (const staff of [coordinator, referrer]) {
      const sent = await queuedEmailsTo(handle.db, staff.email, 'follow_up_alert');
      expect(sent.map((email) => email.params.kind)).toContain('check_in_unanswered');
    }
  });

  it('alerts on low satisfaction or a tandem off track, once per answer, and not otherwise', async () => {
    const { tandem, mentee, mentor, coordinator } = await activeTandem();
    await processFollowUps(context);
    const [menteeRow, mentorRow] = (await checkInsOf(tandem.id))
      .filter((row) => row.monthNumber === 1)
      .sort((a, b) => (a.side === 'mentee' ? -1 : b.side === 'mentee' ? 1 : 0));

    await answerCheckIn(context, {
      checkInId: menteeRow!.id,
      satisfaction: 3,
      isOnTrack: true,
      origin: asUser(mentee),
    });
    expect(await alertsOf(tandem.id, 'low_satisfaction')).toHaveLength(0);
    expect(
      await failureCode(
        answerCheckIn(context, {
          checkInId: menteeRow!.id,
          satisfaction: 1,
          isOnTrack: false,
          origin: asUser(mentee),
        }),
      ),
    ).toBe('check_in_already_answered');
    // Someone else's check-in is as unknown as a missing one.
    expect(
      await failureCode(
        answerCheckIn(context, {
          checkInId: mentorRow!.id,
          satisfaction: 1,
          isOnTrack: false,
          origin: asUser(mentee),
        }),
      ),
    ).toBe('not_found');

    await answerCheckIn(context, {
      checkInId: mentorRow!.id,
      satisfaction: 5,
      isOnTrack: false,
      comment: 'Nous ne trouvons pas de créneau.',
      origin: asUser(mentor),
    });
    const [low] = await alertsOf(tandem.id, 'low_satisfaction');
    expect(low!.message).toContain('n’avance pas comme prévu');
    expect(low!.message).toContain('Nous ne trouvons pas de créneau.');
    const sent = await queuedEmailsTo(handle.db, coordinator.email, 'follow_up_alert');
    expect(sent.filter((email) => email.params.alertId === low!.id)).toHaveLength(1);
  });

  it('refuses an answer out of range from a link, and changes nothing', async () => {
    const start = clock.now();
    const { tandem, mentee } = await activeTandem();
    await processFollowUps(context);
    clock.set(new Date(addMonths(start, 1).getTime() + 60_000));
    await processFollowUps(context);
    const path = await actionLinkPathFor(handle.db, mentee.email, 'check_in_survey', 'answerLink');
    const token = path.split('/liens/')[1]!;
    expect(
      await failureCode(
        useActionLink(context, { token, form: { satisfaction: '6', onTrack: 'yes' } }),
      ),
    ).toBe('validation_failed');
    const [row] = await handle.db
      .select()
      .from(checkIns)
      .where(
        and(
          eq(checkIns.tandemId, tandem.id),
          eq(checkIns.side, 'mentee'),
          eq(checkIns.monthNumber, 1),
        ),
      );
    expect(row!.status).toBe('sent');
  });
});

describe('silence alerts', () => {
  it('alerts once per silence, never again for the same one, and again after a new silence', async () => {
    const { tandem, mentee, referrer } = await activeTandem();
    const start = clock.now();
    clock.advanceMinutes(29 * DAY);
    await processFollowUps(context);
    expect(await alertsOf(tandem.id, 'no_meeting')).toHaveLength(0);

    clock.advanceMinutes(2 * DAY);
    await processFollowUps(context);
    await processFollowUps(context);
    expect(await alertsOf(tandem.id, 'no_meeting')).toHaveLength(1);
    const [first] = await alertsOf(tandem.id, 'no_meeting');
    expect(first!.details).toMatchObject({ lastMeetingAt: start.toISOString() });
    expect(
      (await queuedEmailsTo(handle.db, referrer.email, 'follow_up_alert')).filter(
        (email) => email.params.alertId === first!.id,
      ),
    ).toHaveLength(1);

    // Resolved, the same silence does not come back.
    await handle.db
      .update(alerts)
      .set({ status: 'resolved', resolvedAt: clock.now() })
      .where(eq(alerts.id, first!.id));
    await processFollowUps(context);
    expect(await alertsOf(tandem.id, 'no_meeting')).toHaveLength(1);

    // A meeting, then thirty more silent days: a new cause, a new alert.
    await logMeeting(context, {
      tandemId: tandem.id,
      occursAt: clock.now(),
      durationMinutes: 60,
      mode: 'remote',
      topics: [],
      origin: asUser(mentee),
    });
    clock.advanceMinutes(29 * DAY);
    await processFollowUps(context);
    expect(await alertsOf(tandem.id, 'no_meeting')).toHaveLength(1);
    clock.advanceMinutes(2 * DAY);
    await processFollowUps(context);
    expect(await alertsOf(tandem.id, 'no_meeting')).toHaveLength(2);
  });
});

describe('planned meetings', () => {
  it('must be in the future, invite both sides, and do not end a silence', async () => {
    const { tandem, mentee, mentor } = await activeTandem();
    const plan = (occursAt: Date) =>
      planMeeting(context, {
        tandemId: tandem.id,
        occursAt,
        durationMinutes: 60,
        mode: 'in_person',
        location: 'CCI Marseille',
        origin: asUser(mentor),
      });
    expect(await failureCode(plan(clock.now()))).toBe('validation_failed');
    await plan(new Date(clock.now().getTime() + 10 * DAY * 60_000));
    for (const person of [mentee, mentor]) {
      const [invitation] = await queuedEmailsTo(handle.db, person.email, 'meeting_planned');
      expect(invitation).toBeDefined();
      const job = invitation as unknown as { calendarEvent?: { attendees: { email: string }[] } };
      expect(job.calendarEvent?.attendees.map((attendee) => attendee.email).sort()).toEqual(
        [mentee.email, mentor.email].sort(),
      );
    }
    clock.advanceMinutes(31 * DAY);
    await processFollowUps(context);
    expect(await alertsOf(tandem.id, 'no_meeting')).toHaveLength(1);
  });
});
