import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/client.ts';
import { addMonths } from '../src/domain/follow-up.ts';
import {
  alerts,
  checkIns,
  matchingRounds,
  matchProposals,
  tandems,
} from '../src/db/schema/index.ts';
import { createJobWorker, type JobWorker } from '../src/jobs/start-job-worker.ts';
import type { RequestOrigin } from '../src/services/context.ts';
import { publishMatchingRound } from '../src/services/matching/publish-matching-round.ts';
import { addStagedProposal } from '../src/services/matching/add-staged-proposal.ts';
import { removeStagedProposal } from '../src/services/matching/remove-staged-proposal.ts';
import { runMatchingRound } from '../src/services/matching/run-matching-round.ts';
import { referMentee } from '../src/services/mentees/refer-mentee.ts';
import { verifyActionLink, type ActionLinkPurpose } from '../src/services/tandems/action-links.ts';
import { endTandem } from '../src/services/tandems/end-tandem.ts';
import { planMeeting } from '../src/services/tandems/plan-meeting.ts';
import type { LinkingContext } from '../src/services/tandems/tandem-emails.ts';
import { buildTestApp, TEST_SECRET } from './support/app.ts';
import { manualClock } from './support/clock.ts';
import { createMentor, createPartner, defaultProgramId, createUser } from './support/factories.ts';
import {
  startTestSmtpServer,
  type ReceivedMessage,
  type TestSmtpServer,
} from './support/smtp-server.ts';
import { createTestDatabase } from './support/test-database.ts';
import { testWorkerConfig } from './support/worker.ts';

/**
 * The whole story of issue 5, as people live it: a referral, a matching round reviewed and
 * edited, a proposal declined from its e-mail, the next best proposed and accepted by both,
 * meetings logged from e-mail links, check-ins answered from e-mail links, a silent month that
 * alerts the coordinator and the referrer, and the closure. Every step runs the real worker
 * (with its recurring jobs) on the manual clock and delivers to a real local SMTP server; the
 * test reads the links people would click in the messages that server received.
 */

const DAY = 24 * 60;
let handle: DatabaseHandle;
let app: FastifyInstance;
let smtp: TestSmtpServer;
let worker: JobWorker;
// Before the wall-clock time of any run: e-mails are due on the services' injected clock,
// not the database's `now()`, so the story must still deliver every one of them.
const clock = manualClock(new Date('2024-01-08T09:00:00Z'));
let context: LinkingContext;

beforeAll(async () => {
  handle = await createTestDatabase();
  app = await buildTestApp(handle, clock);
  smtp = await startTestSmtpServer();
  const config = testWorkerConfig(smtp.url);
  worker = createJobWorker({ db: handle.db, config, clock });
  context = { db: handle.db, clock, publicUrl: config.publicUrl, linkSecret: TEST_SECRET };
});
afterAll(async () => {
  await worker.close();
  await app.close();
  await smtp.close();
  await handle.close();
});

/** Runs the worker until nothing is due and returns the messages the SMTP server received. */
async function deliver(): Promise<ReceivedMessage[]> {
  const before = smtp.received.length;
  await worker.drain();
  return smtp.received.slice(before);
}

/** The one message to `address` whose subject matches; fails when there is none or several. */
function mailTo(messages: ReceivedMessage[], address: string | null, subject: RegExp) {
  const found = messages.filter((m) => m.to === address && subject.test(m.mail.subject ?? ''));
  expect(
    found,
    `one "${subject.source}" to ${address} among: ${messages.map((m) => `${m.to} «${m.mail.subject}»`).join(' | ')}`,
  ).toHaveLength(1);
  return found[0]!.mail;
}

/** The token of the one-click link for `purpose` in a received message's text. */
function linkIn(mail: { text?: string | undefined }, purpose: ActionLinkPurpose): string {
  const tokens = [...(mail.text ?? '').matchAll(/http:\/\/hub\.example\.test\/liens\/([\w.-]+)/g)]
    .map((match) => match[1]!)
    .filter((token) => {
      const verified = verifyActionLink(TEST_SECRET, token, clock.now());
      return verified.ok && verified.link.purpose === purpose;
    });
  expect(tokens, `a ${purpose} link in the message`).not.toHaveLength(0);
  return tokens[0]!;
}

/** Clicks a link's button: the form post its confirmation page makes. */
async function post(token: string, fields: Record<string, string> = {}) {
  const page = await app.inject({ method: 'GET', url: `/liens/${token}` });
  expect(page.statusCode, page.body).toBe(200);
  const response = await app.inject({
    method: 'POST',
    url: `/liens/${token}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: new URLSearchParams(fields).toString(),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response;
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

async function stagedRoundOf(menteeId: string) {
  const rows = await handle.db
    .select()
    .from(matchingRounds)
    .innerJoin(matchProposals, eq(matchProposals.roundId, matchingRounds.id))
    .where(and(eq(matchProposals.menteeId, menteeId), eq(matchingRounds.status, 'staged')));
  return rows.map((row) => ({ round: row.matching_rounds, proposal: row.match_proposals }));
}

async function currentTandemOf(menteeId: string) {
  const rows = await handle.db.select().from(tandems).where(eq(tandems.menteeId, menteeId));
  return rows.find((row) => ['proposed', 'accepted', 'active'].includes(row.status));
}

describe('the story of a tandem, from referral to closure', () => {
  it('runs on the real worker and SMTP, with the e-mails people receive at each step', async () => {
    const coordinatorUser = await createUser(handle.db, { role: 'coordinator' });
    const coordinator: RequestOrigin = {
      actor: { kind: 'user', userId: coordinatorUser.id, role: 'coordinator', partnerId: null },
    };
    const partner = await createPartner(handle.db);
    const referrerUser = await createUser(handle.db, { role: 'referrer', partnerId: partner.id });
    const referrer: RequestOrigin = {
      actor: { kind: 'user', userId: referrerUser.id, role: 'referrer', partnerId: partner.id },
    };
    // The engine ranks the recruiter first, then the retired mentor, then the executive; the
    // retired mentor is the runner-up the next-best rematch must not take over the best.
    const best = await createMentor(handle.db, {
      kind: 'recruiter',
      expertise: ['cv_interviews', 'network'],
    });
    const second = await createMentor(handle.db, { kind: 'retired', expertise: ['network'] });
    const third = await createMentor(handle.db, { kind: 'executive', expertise: [] });

    // 1. Referral: the referrer refers Yasmine, who is told by e-mail.
    const menteeEmail = `yasmine.${Date.now()}@example.org`;
    const mentee = await referMentee(context, {
      person: { firstName: 'Yasmine', lastName: 'Benali', email: menteeEmail },
      profile: {
        track: 'job_search',
        needs: ['cv_interviews', 'network'],
        languages: ['fr'],
        availability: ['tue_pm', 'thu_am'],
        mode: 'both',
      },
      consent: {
        purposes: ['mentoring', 'impact_follow_up'],
        method: 'paper_form',
        givenAt: '2026-11-20T10:00:00+01:00',
        textVersion: '2026-01',
      },
      origin: referrer,
    });
    mailTo(await deliver(), menteeEmail, /^Votre inscription au mentorat/);

    // 2. Round: the engine stages the best mentor; the coordinator edits the staging and
    // stages the third mentor instead, then publishes.
    const round = await runMatchingRound(context, {
      scope: { kind: 'program', programId: await defaultProgramId(handle.db) },
      mode: 'optimal',
      origin: coordinator,
    });
    const [engineChoice] = await stagedRoundOf(mentee.id);
    expect(engineChoice!.proposal.mentorId).toBe(best.user.id);
    await removeStagedProposal(context, {
      roundId: round.id,
      proposalId: engineChoice!.proposal.id,
      origin: coordinator,
    });
    await addStagedProposal(context, {
      roundId: round.id,
      menteeId: mentee.id,
      mentorId: third.user.id,
      origin: coordinator,
    });
    await publishMatchingRound(context, { roundId: round.id, origin: coordinator });
    let messages = await deliver();
    mailTo(messages, menteeEmail, /vous propose un tandem/);
    const thirdProposal = mailTo(messages, third.user.email, /vous propose un tandem/);

    // 3. The third mentor declines from the e-mail's link; the mentee is told.
    await post(linkIn(thirdProposal, 'proposal_decline'), { reason: 'unavailable' });
    messages = await deliver();
    mailTo(messages, menteeEmail, /^La proposition de tandem n’aura pas lieu/);
    mailTo(messages, coordinatorUser.email, /^Proposition refusée : Yasmine Benali/);

    // 4. The next best is staged (the engine's first choice, the decliner excluded) and
    // published; both accept from their e-mails.
    const [rematch] = await stagedRoundOf(mentee.id);
    expect(rematch!.proposal.mentorId).toBe(best.user.id);
    expect(rematch!.proposal.mentorId).not.toBe(second.user.id);
    await publishMatchingRound(context, { roundId: rematch!.round.id, origin: coordinator });
    messages = await deliver();
    const menteeProposal = mailTo(messages, menteeEmail, /vous propose un tandem/);
    const mentorProposal = mailTo(messages, best.user.email, /vous propose un tandem/);
    await post(linkIn(menteeProposal, 'proposal_accept'));
    await post(linkIn(mentorProposal, 'proposal_accept'));
    messages = await deliver();
    const menteeStart = mailTo(messages, menteeEmail, /C’est parti/);
    mailTo(messages, best.user.email, /C’est parti/);
    const tandem = (await currentTandemOf(mentee.id))!;
    expect(tandem).toMatchObject({ status: 'accepted', mentorId: best.user.id });

    // 5. Three days later the mentee logs the first meeting from the e-mail's link: the tandem
    // starts, the mentor is told, and its check-ins are planned (1, 3 and 6 months).
    clock.advanceMinutes(3 * DAY);
    await post(linkIn(menteeStart, 'meeting_log'), {
      date: isoDay(clock.now()),
      durationMinutes: '60',
      mode: 'in_person',
      topics: 'CV, réseau',
    });
    messages = await deliver();
    const meetingNotice = mailTo(
      messages,
      best.user.email,
      /rencontre de votre tandem a été notée/,
    );
    expect((await currentTandemOf(mentee.id))!.status).toBe('active');
    const planned = await handle.db.select().from(checkIns).where(eq(checkIns.tandemId, tandem.id));
    expect(
      planned
        .filter((row) => row.kind === 'scheduled')
        .map((row) => `${row.side}:${row.monthNumber}`)
        .sort(),
    ).toEqual(['mentee:1', 'mentee:3', 'mentee:6', 'mentor:1', 'mentor:3', 'mentor:6']);

    // The mentor plans the next meeting: both sides get a calendar invitation.
    const nextMeeting = new Date(clock.now().getTime() + 20 * DAY * 60_000);
    await planMeeting(context, {
      tandemId: tandem.id,
      occursAt: nextMeeting,
      durationMinutes: 90,
      mode: 'remote',
      origin: {
        actor: { kind: 'user', userId: best.user.id, role: 'mentor', partnerId: null },
      },
    });
    messages = await deliver();
    for (const address of [menteeEmail, best.user.email]) {
      const invitation = mailTo(messages, address, /^Rencontre prévue avec/);
      const ics = invitation.attachments.find((part) => part.contentType === 'text/calendar');
      expect(ics, `a calendar invitation to ${address}`).toBeDefined();
      const text = ics!.content.toString('utf8');
      expect(text).toContain('METHOD:REQUEST');
      expect(text).toContain(`ATTENDEE`);
      expect(text).toContain(menteeEmail);
      expect(text).toMatch(/DTSTART:\d{8}T\d{6}Z/);
    }

    // Twenty days on, the mentor logs the second meeting from the link they were sent.
    clock.advanceMinutes(20 * DAY);
    const secondMeetingDay = clock.now();
    await post(linkIn(meetingNotice, 'meeting_log'), {
      date: isoDay(secondMeetingDay),
      durationMinutes: '90',
      mode: 'remote',
    });
    mailTo(await deliver(), menteeEmail, /rencontre de votre tandem a été notée/);

    // 6. A month after the start, both sides get the check-in and answer it from the link.
    const startedAt = (await currentTandemOf(mentee.id))!.startedAt!;
    clock.set(new Date(addMonths(startedAt, 1).getTime() + 60 * 60_000));
    messages = await deliver();
    const menteeCheckIn = mailTo(messages, menteeEmail, /^Comment se passe votre tandem/);
    const mentorCheckIn = mailTo(messages, best.user.email, /^Comment se passe votre tandem/);
    expect(messages.filter((m) => /Pas de rencontre/.test(m.mail.subject ?? ''))).toHaveLength(0);
    await post(linkIn(menteeCheckIn, 'check_in_survey'), {
      satisfaction: '4',
      onTrack: 'yes',
      comment: 'Les conseils sur mon CV m’aident beaucoup.',
    });
    await post(linkIn(mentorCheckIn, 'check_in_survey'), { satisfaction: '5', onTrack: 'yes' });
    const replay = await app.inject({
      method: 'POST',
      url: `/liens/${linkIn(mentorCheckIn, 'check_in_survey')}`,
      payload: { satisfaction: '1', onTrack: 'no' },
    });
    expect(replay.statusCode).toBe(409);
    const answered = await handle.db
      .select()
      .from(checkIns)
      .where(and(eq(checkIns.tandemId, tandem.id), eq(checkIns.monthNumber, 1)));
    expect(answered.map((row) => [row.side, row.status, row.satisfaction]).sort()).toEqual([
      ['mentee', 'answered', 4],
      ['mentor', 'answered', 5],
    ]);
    expect(await deliver()).toEqual([]);

    // 7. Thirty silent days after the second meeting: the coordinator who published and the
    // referrer receive the risk alert, once.
    clock.set(new Date(secondMeetingDay.getTime() + 31 * DAY * 60_000));
    messages = await deliver();
    const alertMail = mailTo(messages, coordinatorUser.email, /^Pas de rencontre depuis 30 jours/);
    mailTo(messages, referrerUser.email, /^Pas de rencontre depuis 30 jours/);
    expect(alertMail.text).toContain('Yasmine Benali');
    expect(alertMail.text).toContain('http://hub.example.test');
    expect(alertMail.html).toContain('Ouvrir Tandem');
    clock.advanceMinutes(60);
    expect(await deliver()).toEqual([]);
    const raised = await handle.db.select().from(alerts).where(eq(alerts.tandemId, tandem.id));
    expect(raised.map((row) => [row.kind, row.status, row.partnerId])).toEqual([
      ['no_meeting', 'open', partner.id],
    ]);

    // 8. Closure: the coordinator completes the tandem; both sides are thanked and get the
    // closure check-in. A poor closing answer alerts the coordinator and the referrer.
    await endTandem(context, {
      tandemId: tandem.id,
      outcome: 'completed',
      reason: 'goal_reached',
      origin: coordinator,
    });
    clock.advanceMinutes(60);
    messages = await deliver();
    mailTo(messages, menteeEmail, /tandem est terminé/);
    mailTo(messages, best.user.email, /tandem est terminé/);
    const closing = mailTo(messages, menteeEmail, /^Comment se passe votre tandem/);
    mailTo(messages, best.user.email, /^Comment se passe votre tandem/);
    expect(closing.text).toContain('vient de se terminer');
    await post(linkIn(closing, 'check_in_survey'), { satisfaction: '2', onTrack: 'no' });
    messages = await deliver();
    mailTo(messages, coordinatorUser.email, /^Tandem en difficulté/);
    mailTo(messages, referrerUser.email, /^Tandem en difficulté/);
    expect(messages).toHaveLength(2);
  });
});
