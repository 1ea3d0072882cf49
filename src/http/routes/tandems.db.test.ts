import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_SECRET } from '../../../test/support/app.ts';
import { manualClock } from '../../../test/support/clock.ts';
import {
  createMentee,
  createMentor,
  createProgram,
  enrolMentee,
} from '../../../test/support/factories.ts';
import { actionLinkPathFor } from '../../../test/support/outbox.ts';
import { credentialsFor, signInAs, type TestCredentials } from '../../../test/support/sessions.ts';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import type { UserRow } from '../../db/repositories/users-repository.ts';
import { programMentors, tandems, usedActionLinks } from '../../db/schema/index.ts';
import { ANONYMOUS } from '../../domain/auth.ts';
import { startSession } from '../../services/auth/start-session.ts';
import { signActionLink } from '../../services/tandems/action-links.ts';

let database: DatabaseHandle;
let app: FastifyInstance;
let coordinator: TestCredentials;
const clock = manualClock();

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database, clock);
  coordinator = await signInAs(app, database.db, 'coordinator');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

async function sessionOf(user: UserRow): Promise<TestCredentials> {
  const session = await startSession(database.db, user, 'link', { actor: ANONYMOUS }, clock.now());
  return credentialsFor(app, session.sessionToken, user.id, user.role, null);
}

const linkPath = (address: string | null, template: string, param: string) =>
  actionLinkPathFor(database.db, address, template, param);

/** What a browser sends when the page's button is pressed. */
const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
  payload: new URLSearchParams(fields).toString(),
});

async function usedLinkCount() {
  return (await database.db.select().from(usedActionLinks)).length;
}

/** A published proposal between a fresh mentor and mentee, through the HTTP API. */
async function publishOverHttp() {
  const program = await createProgram(database.db, { restrictToDedicatedMentors: true });
  const mentor = await createMentor(database.db, { capacity: 1 });
  await database.db
    .insert(programMentors)
    .values({ programId: program.id, mentorId: mentor.user.id });
  const mentee = await createMentee(database.db);
  await enrolMentee(database.db, { programId: program.id, menteeId: mentee.user.id });
  const run = await app.inject({
    method: 'POST',
    url: '/matching/rounds',
    headers: coordinator.headers,
    payload: { scope: { kind: 'program', programId: program.id }, mode: 'optimal' },
  });
  expect(run.statusCode, run.body).toBe(201);
  const round = run.json<{ id: string; proposals: { score: number; explanation: unknown[] }[] }>();
  expect(round.proposals).toHaveLength(1);
  expect(round.proposals[0]!.explanation.length).toBeGreaterThan(0);
  const published = await app.inject({
    method: 'POST',
    url: `/matching/rounds/${round.id}/publish`,
    headers: coordinator.headers,
  });
  expect(published.statusCode, published.body).toBe(200);
  const tandemId = published.json<{ tandemIds: string[] }>().tandemIds[0]!;
  return { mentor, mentee, tandemId };
}

describe('one-click links over HTTP', () => {
  it('shows a page on GET, acts once on POST, refuses replays with a clear page', async () => {
    const { mentor, mentee, tandemId } = await publishOverHttp();
    const acceptPath = await linkPath(mentor.user.email, 'tandem_proposal_to_mentor', 'acceptLink');

    // A mail scanner following the link (twice) changes nothing.
    for (let i = 0; i < 2; i++) {
      const page = await app.inject({ method: 'GET', url: acceptPath });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.body).toContain('Oui, j’accepte ce tandem');
      expect(page.body).toContain(mentee.user.firstName);
      expect(page.body).toContain('<form method="post"');
    }
    const [before] = await database.db.select().from(tandems).where(eq(tandems.id, tandemId));
    expect(before!.mentorDecision).toBeNull();
    expect(await usedLinkCount()).toBe(0);

    const done = await app.inject({
      method: 'POST',
      url: acceptPath,
      ...form({}),
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.body).toContain('Merci, c’est noté');
    const replay = await app.inject({
      method: 'POST',
      url: acceptPath,
      ...form({}),
    });
    expect(replay.statusCode).toBe(409);
    expect(replay.body).toContain('Ce lien a déjà servi');
    expect(replay.body).toContain('Rien n’a été modifié');
    const again = await app.inject({ method: 'GET', url: acceptPath });
    expect(again.statusCode).toBe(409);

    // The mentee answers in the app: the tandem is accepted.
    const menteeSession = await sessionOf(mentee.user);
    const decided = await app.inject({
      method: 'POST',
      url: `/tandems/${tandemId}/decision`,
      headers: menteeSession.headers,
      payload: { decision: 'accepted' },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'accepted', viewer: 'mentee' });

    // The mentee's own e-mailed links now say the proposal was answered.
    const menteeDecline = await linkPath(
      mentee.user.email,
      'tandem_proposal_to_mentee',
      'declineLink',
    );
    const closed = await app.inject({ method: 'GET', url: menteeDecline });
    expect(closed.statusCode).toBe(409);
    expect(closed.body).toContain('Rien n’a été modifié');

    // The mentor logs the first meeting in the app, with a private note.
    const mentorSession = await sessionOf(mentor.user);
    const meeting = await app.inject({
      method: 'POST',
      url: `/tandems/${tandemId}/meetings`,
      headers: mentorSession.headers,
      payload: {
        occursAt: '2026-11-24T11:00:00+01:00',
        durationMinutes: 45,
        mode: 'remote',
        topics: ['réseau'],
        privateNote: 'Note secrète du mentor',
      },
    });
    expect(meeting.statusCode, meeting.body).toBe(201);
    const menteeView = await app.inject({
      method: 'GET',
      url: `/tandems/${tandemId}`,
      headers: menteeSession.headers,
    });
    expect(menteeView.json()).toMatchObject({
      status: 'active',
      meetings: [{ durationMinutes: 45 }],
    });
    expect(menteeView.body).not.toContain('Note secrète');
    const mentorView = await app.inject({
      method: 'GET',
      url: `/tandems/${tandemId}`,
      headers: mentorSession.headers,
    });
    expect(mentorView.body).toContain('Note secrète');
    const stranger = await signInAs(app, database.db, 'mentor');
    const hidden = await app.inject({
      method: 'GET',
      url: `/tandems/${tandemId}`,
      headers: stranger.headers,
    });
    expect(hidden.statusCode).toBe(404);
  });

  it('refuses expired and tampered links with a page, and changes nothing', async () => {
    const { mentor, tandemId } = await publishOverHttp();
    const token = signActionLink(TEST_SECRET, {
      purpose: 'proposal_decline',
      userId: mentor.user.id,
      subjectId: tandemId,
      expiresAt: new Date(clock.now().getTime() - 1),
    });
    const expired = await app.inject({ method: 'GET', url: `/liens/${token}` });
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('Ce lien a expiré');
    const posted = await app.inject({
      method: 'POST',
      url: `/liens/${token}`,
      ...form({ reason: 'unavailable' }),
    });
    expect(posted.statusCode).toBe(410);

    const valid = await linkPath(mentor.user.email, 'tandem_proposal_to_mentor', 'declineLink');
    const tampered = `${valid.slice(0, -3)}${valid.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    const page = await app.inject({ method: 'GET', url: tampered });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Ce lien n’est pas valable');
    const json = await app.inject({
      method: 'POST',
      url: tampered,
      payload: { reason: 'unavailable' },
    });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toMatchObject({ error: { code: 'action_link_invalid' } });
    const [tandem] = await database.db.select().from(tandems).where(eq(tandems.id, tandemId));
    expect(tandem).toMatchObject({ status: 'proposed', mentorDecision: null });

    // The real link declines, with a reason chosen on the page.
    const declined = await app.inject({
      method: 'POST',
      url: valid,
      ...form({ reason: 'distance', comment: '' }),
    });
    expect(declined.statusCode, declined.body).toBe(200);
    const [after] = await database.db.select().from(tandems).where(eq(tandems.id, tandemId));
    expect(after).toMatchObject({
      status: 'declined',
      declineReason: 'Nous sommes trop loin l’un de l’autre',
    });
  });
});
