import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import {
  createMentee,
  createMentor,
  createPartner,
  createTandem,
  defaultProgramId,
} from '../../../test/support/factories.ts';
import { signInAs, type TestCredentials } from '../../../test/support/sessions.ts';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import { insertCheckIns, raiseAlert } from '../../db/repositories/tandems-repository.ts';

let database: DatabaseHandle;
let app: FastifyInstance;
let coordinator: TestCredentials;
let referrerA: TestCredentials;
const ids: Record<string, string> = {};

/** A tandem of a mentee referred by `partnerId`, with one open alert about it. */
async function tandemWithAlert(partnerId: string, kind: 'no_meeting' | 'low_satisfaction') {
  const mentor = await createMentor(database.db);
  const mentee = await createMentee(database.db, { partnerId });
  const tandem = await createTandem(database.db, {
    programId: await defaultProgramId(database.db),
    menteeId: mentee.user.id,
    mentorId: mentor.user.id,
    status: 'active',
    startedAt: new Date(),
  });
  const alert = await raiseAlert(database.db, {
    kind,
    tandemId: tandem.id,
    menteeId: mentee.user.id,
    partnerId,
    message: `Alerte ${kind} pour ${mentee.user.lastName}`,
    dedupeKey: `${kind}:${tandem.id}`,
  });
  return { tandem, alert: alert!, mentee, mentor };
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  const partnerA = await createPartner(database.db);
  const partnerB = await createPartner(database.db);
  coordinator = await signInAs(app, database.db, 'coordinator');
  referrerA = await signInAs(app, database.db, 'referrer', { partnerId: partnerA.id });
  const a = await tandemWithAlert(partnerA.id, 'no_meeting');
  const b = await tandemWithAlert(partnerB.id, 'low_satisfaction');
  Object.assign(ids, {
    tandemA: a.tandem.id,
    alertA: a.alert.id,
    alertB: b.alert.id,
    mentorA: a.mentor.user.id,
    lastNameB: b.mentee.user.lastName,
  });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const get = (url: string, who: TestCredentials) =>
  app.inject({ method: 'GET', url, headers: who.headers });
const post = (url: string, who: TestCredentials, payload: object) =>
  app.inject({ method: 'POST', url, headers: who.headers, payload });

describe('the alert inbox', () => {
  it('shows staff every alert, filtered by kind, and a referrer only their own mentees’', async () => {
    const all = await get('/alerts', coordinator);
    expect(all.statusCode).toBe(200);
    const allIds = all.json<{ items: { id: string }[] }>().items.map((item) => item.id);
    expect(allIds).toEqual(expect.arrayContaining([ids.alertA, ids.alertB]));
    const filtered = await get('/alerts?kind=low_satisfaction', coordinator);
    expect(filtered.json<{ items: { kind: string }[] }>().items.map((i) => i.kind)).toEqual([
      'low_satisfaction',
    ]);

    const own = await get('/alerts', referrerA);
    expect(own.json<{ items: { id: string }[] }>().items.map((item) => item.id)).toEqual([
      ids.alertA,
    ]);
    expect(own.body).not.toContain(ids.lastNameB);
    const mentor = await signInAs(app, database.db, 'mentor');
    expect((await get('/alerts', mentor)).statusCode).toBe(403);
  });

  it('resolves with a note kept for staff; another partner’s alert is not found', async () => {
    const foreign = await post(`/alerts/${ids.alertB}/resolve`, referrerA, { note: 'Vu.' });
    expect(foreign.statusCode).toBe(404);

    const acknowledged = await post(`/alerts/${ids.alertA}/resolve`, referrerA, {
      status: 'acknowledged',
      note: 'J’appelle la mentorée demain.',
    });
    expect(acknowledged.json()).toMatchObject({ status: 'acknowledged' });
    const resolved = await post(`/alerts/${ids.alertA}/resolve`, coordinator, {
      note: 'Rencontre replanifiée.',
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({ status: 'resolved' });
    const again = await post(`/alerts/${ids.alertA}/resolve`, coordinator, { note: 'Encore' });
    expect(again.json()).toMatchObject({ error: { code: 'alert_already_resolved' } });
    const inbox = await get('/alerts', coordinator);
    expect(inbox.body).not.toContain(ids.alertA);

    const notes = await get(`/tandems/${ids.tandemA}/notes`, coordinator);
    expect(notes.json<{ items: { body: string }[] }>().items.map((n) => n.body)).toEqual([
      'Rencontre replanifiée.',
      'J’appelle la mentorée demain.',
    ]);
  });
});

describe('notes on a tandem', () => {
  it('are kept by staff and never shown to the mentor', async () => {
    const added = await post(`/tandems/${ids.tandemA}/notes`, coordinator, {
      body: 'Point téléphonique : tout va bien.',
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ visibility: 'staff' });
    expect(added.json<{ authorName: string }>().authorName).not.toBe('');
    const listed = await get(`/tandems/${ids.tandemA}/notes`, coordinator);
    expect(listed.json<{ items: { body: string }[] }>().items[0]!.body).toBe(
      'Point téléphonique : tout va bien.',
    );
    const unknown = await post(`/tandems/${crypto.randomUUID()}/notes`, coordinator, {
      body: 'x',
    });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('the follow-up overview of tandems', () => {
  it('shows a referrer their own mentees’ tandems only, with nothing private', async () => {
    type Overview = { items: { tandemId: string; openAlerts: number; status: string }[] };
    const own = await get('/follow-up/tandems', referrerA);
    expect(own.statusCode).toBe(200);
    expect(own.json<Overview>().items.map((item) => item.tandemId)).toEqual([ids.tandemA]);
    expect(own.body).not.toContain(ids.lastNameB);
    expect(own.body).not.toContain('Point téléphonique');
    const all = await get('/follow-up/tandems', coordinator);
    const rows = all.json<Overview>().items;
    expect(rows.find((row) => row.tandemId === ids.tandemA)).toMatchObject({
      status: 'active',
      openAlerts: 0,
    });
    expect(rows.filter((row) => row.openAlerts === 1)).toHaveLength(1);
  });
});

describe('answering a check-in in the app', () => {
  it('lets its respondent answer once, alerting on a worrying answer; nobody else', async () => {
    const menteeSession = await signInAs(app, database.db, 'mentee');
    const mentor = await createMentor(database.db);
    const tandem = await createTandem(database.db, {
      programId: await defaultProgramId(database.db),
      menteeId: menteeSession.userId!,
      mentorId: mentor.user.id,
      status: 'active',
      startedAt: new Date(),
    });
    const [checkIn] = await insertCheckIns(database.db, [
      {
        tandemId: tandem.id,
        respondentId: menteeSession.userId!,
        side: 'mentee',
        kind: 'scheduled',
        monthNumber: 1,
        status: 'sent',
        dueAt: new Date(),
        sentAt: new Date(),
      },
    ]);
    const url = `/check-ins/${checkIn!.id}/answer`;
    const stranger = await signInAs(app, database.db, 'mentee');
    const refused = await post(url, stranger, { satisfaction: 5, isOnTrack: true });
    expect(refused.statusCode).toBe(404);
    const answered = await post(url, menteeSession, { satisfaction: 2, isOnTrack: true });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', kind: 'scheduled' });
    const again = await post(url, menteeSession, { satisfaction: 5, isOnTrack: true });
    expect(again.json()).toMatchObject({ error: { code: 'check_in_already_answered' } });
    const inbox = await get('/alerts?kind=low_satisfaction', coordinator);
    expect(
      inbox.json<{ items: { tandemId: string }[] }>().items.map((item) => item.tandemId),
    ).toContain(tandem.id);
  });
});
