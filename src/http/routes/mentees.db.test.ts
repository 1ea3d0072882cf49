import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import {
  createMentor,
  createPartner,
  createTandem,
  defaultProgramId,
} from '../../../test/support/factories.ts';
import { signInAs, type TestCredentials } from '../../../test/support/sessions.ts';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import { auditLog, consents, jobs, menteeProfiles, users } from '../../db/schema/index.ts';
import { startSession } from '../../services/auth/start-session.ts';
import { ANONYMOUS } from '../../domain/auth.ts';
import { credentialsFor } from '../../../test/support/sessions.ts';

let database: DatabaseHandle;
let app: FastifyInstance;
let partnerA: string;
let partnerB: string;
let referrerA: TestCredentials;
let referrerB: TestCredentials;
let coordinator: TestCredentials;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  partnerA = (await createPartner(database.db, { name: 'Positive Planet – Marseille 3e' })).id;
  partnerB = (await createPartner(database.db, { name: 'Mission locale de Marseille' })).id;
  referrerA = await signInAs(app, database.db, 'referrer', { partnerId: partnerA });
  referrerB = await signInAs(app, database.db, 'referrer', { partnerId: partnerB });
  coordinator = await signInAs(app, database.db, 'coordinator');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

let sequence = 0;
function referral(lastName: string, overrides: Record<string, unknown> = {}) {
  sequence += 1;
  return {
    person: {
      firstName: 'Yasmine',
      lastName,
      email: `${lastName.toLowerCase()}-${sequence}@example.test`,
    },
    profile: {
      track: 'business_creation',
      businessProject: 'Un food truck de cuisine méditerranéenne.',
      businessSectorCode: '56.10C',
      needs: ['financing'],
      communeCode: '13203',
      languages: ['fr', 'ar'],
    },
    consent: {
      purposes: ['mentoring', 'impact_follow_up'],
      method: 'paper_form',
      givenAt: '2026-11-20T10:00:00+01:00',
      textVersion: '2026-01',
    },
    ...overrides,
  };
}

async function refer(credentials: TestCredentials, body: unknown) {
  return app.inject({
    method: 'POST',
    url: '/mentees/referrals',
    headers: credentials.headers,
    payload: body as object,
  });
}

describe('referral', () => {
  it('records the person, their consents and the referral, and e-mails an invitation', async () => {
    const response = await refer(referrerA, referral('Benali'));
    expect(response.statusCode).toBe(201);
    const { id } = response.json<{ id: string }>();
    const [profile] = await database.db
      .select()
      .from(menteeProfiles)
      .where(eq(menteeProfiles.userId, id));
    expect(profile).toMatchObject({
      partnerId: partnerA,
      referrerId: referrerA.userId,
      status: 'waiting',
    });
    const recorded = await database.db.select().from(consents).where(eq(consents.userId, id));
    expect(recorded.map((consent) => consent.purpose).sort()).toEqual([
      'impact_follow_up',
      'mentoring',
    ]);
    expect(recorded.every((consent) => consent.recordedBy === referrerA.userId)).toBe(true);
    const emails = await database.db.select().from(jobs).where(eq(jobs.name, 'send_email'));
    expect(
      emails.some((job) => (job.payload as { template: string }).template === 'mentee_referred'),
    ).toBe(true);
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, id), eq(auditLog.action, 'mentee.refer')));
    expect(audit).toHaveLength(1);
  });

  it('refuses a referral without consent to mentoring, and writes nothing', async () => {
    const before = (await database.db.select().from(users)).length;
    const body = referral('Sans', {
      consent: { ...referral('x').consent, purposes: ['communications'] },
    });
    const response = await refer(referrerA, body);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'validation_failed' } });
    expect(await database.db.select().from(users)).toHaveLength(before);
  });

  it('names an unknown commune, and refuses a deactivated partner', async () => {
    const badCommune = referral('Commune');
    badCommune.profile.communeCode = '99999';
    const response = await refer(referrerA, badCommune);
    expect(response.json()).toMatchObject({
      error: {
        code: 'commune_unknown',
        details: { fields: [{ field: 'body/profile/communeCode' }] },
      },
    });
    const closed = await createPartner(database.db, { isActive: false });
    const referrer = await signInAs(app, database.db, 'referrer', { partnerId: closed.id });
    expect((await refer(referrer, referral('Ferme'))).json()).toMatchObject({
      error: { code: 'partner_inactive' },
    });
  });

  it('lets staff refer on behalf of a partner, and requires the partner', async () => {
    expect((await refer(coordinator, referral('Staff'))).statusCode).toBe(400);
    expect(
      (await refer(coordinator, { ...referral('Staff'), partnerId: partnerB })).statusCode,
    ).toBe(201);
  });
});

describe('partner isolation', () => {
  it('gives a referrer of partner A nothing of partner B’s people', async () => {
    const { id: ofB } = (await refer(referrerB, referral('Zerrouki'))).json<{ id: string }>();
    const { id: ofA } = (await refer(referrerA, referral('Durand'))).json<{ id: string }>();

    const file = await app.inject({
      method: 'GET',
      url: `/mentees/${ofB}`,
      headers: referrerA.headers,
    });
    const unknown = await app.inject({
      method: 'GET',
      url: `/mentees/${crypto.randomUUID()}`,
      headers: referrerA.headers,
    });
    expect(file.statusCode).toBe(404);
    expect(file.body).toBe(unknown.body);

    for (const url of [
      '/mentees?pageSize=100',
      `/mentees?partnerId=${partnerB}`,
      '/mentees?q=Zerrouki',
    ]) {
      const list = await app.inject({ method: 'GET', url, headers: referrerA.headers });
      expect(list.statusCode).toBe(200);
      const body = list.json<{ items: { id: string; partner: { id: string } }[] }>();
      expect(
        body.items.every((item) => item.partner.id === partnerA),
        url,
      ).toBe(true);
      expect(list.body).not.toContain('Zerrouki');
    }
    const own = await app.inject({
      method: 'GET',
      url: '/mentees?q=Durand',
      headers: referrerA.headers,
    });
    expect(own.json<{ items: { id: string }[] }>().items.map((item) => item.id)).toEqual([ofA]);

    const attach = await app.inject({
      method: 'POST',
      url: `/mentees/${ofB}/partner`,
      headers: referrerA.headers,
      payload: { partnerId: partnerA },
    });
    expect(attach.statusCode).toBe(403);
  });

  it('audits every staff and referrer read of a file', async () => {
    const { id } = (await refer(referrerA, referral('Lu'))).json<{ id: string }>();
    const read = await app.inject({
      method: 'GET',
      url: `/mentees/${id}`,
      headers: coordinator.headers,
    });
    expect(read.json()).toMatchObject({ view: 'staff', partner: { id: partnerA } });
    await app.inject({ method: 'GET', url: `/mentees/${id}`, headers: referrerA.headers });
    const reads = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, id), eq(auditLog.action, 'mentee.read')));
    expect(reads.map((entry) => entry.actorId).sort()).toEqual(
      [coordinator.userId, referrerA.userId].sort(),
    );
  });
});

describe('what a mentor and the person see', () => {
  it('shows a mentor the tandem fields only once a proposal exists', async () => {
    const { id } = (await refer(referrerA, referral('Nguyen'))).json<{ id: string }>();
    const mentor = await createMentor(database.db, { capacity: 2 });
    const session = await startSession(
      database.db,
      mentor.user,
      'link',
      { actor: ANONYMOUS },
      new Date(),
    );
    const credentials = await credentialsFor(
      app,
      session.sessionToken,
      mentor.user.id,
      'mentor',
      null,
    );
    const before = await app.inject({
      method: 'GET',
      url: `/mentees/${id}`,
      headers: credentials.headers,
    });
    expect(before.statusCode).toBe(404);
    await createTandem(database.db, {
      menteeId: id,
      mentorId: mentor.user.id,
      programId: await defaultProgramId(database.db),
    });
    const after = await app.inject({
      method: 'GET',
      url: `/mentees/${id}`,
      headers: credentials.headers,
    });
    expect(after.statusCode).toBe(200);
    const body = after.json<Record<string, unknown>>();
    expect(body).toMatchObject({ view: 'mentor', firstName: 'Yasmine', lastNameInitial: 'N.' });
    for (const hidden of [
      'email',
      'phone',
      'lastName',
      'birthYear',
      'gender',
      'partner',
      'consents',
      'referrerId',
    ]) {
      expect(body, hidden).not.toHaveProperty(hidden);
    }
  });

  it('lets a person register, be attached to a partner by a coordinator, and edit their profile', async () => {
    const registered = await app.inject({
      method: 'POST',
      url: '/mentees/registrations',
      payload: {
        person: { firstName: 'Karim', lastName: 'Haddad', email: 'karim.haddad@example.test' },
        profile: { track: 'job_search', targetOccupationCode: 'M1607', communeCode: '13215' },
        consentsToMentoring: true,
      },
    });
    expect(registered.statusCode).toBe(201);
    const [user] = await database.db
      .select()
      .from(users)
      .where(eq(users.email, 'karim.haddad@example.test'));
    const [profile] = await database.db
      .select()
      .from(menteeProfiles)
      .where(eq(menteeProfiles.userId, user!.id));
    expect(profile).toMatchObject({ status: 'referred', partnerId: null });

    const attached = await app.inject({
      method: 'POST',
      url: `/mentees/${user!.id}/partner`,
      headers: coordinator.headers,
      payload: { partnerId: partnerA, referrerId: referrerA.userId },
    });
    expect(attached.statusCode).toBe(204);
    const [after] = await database.db
      .select()
      .from(menteeProfiles)
      .where(eq(menteeProfiles.userId, user!.id));
    expect(after).toMatchObject({
      status: 'waiting',
      partnerId: partnerA,
      referrerId: referrerA.userId,
    });

    const session = await startSession(
      database.db,
      user!,
      'link',
      { actor: ANONYMOUS },
      new Date(),
    );
    const self = await credentialsFor(app, session.sessionToken, user!.id, 'mentee', null);
    const edit = await app.inject({
      method: 'PATCH',
      url: '/mentees/me',
      headers: self.headers,
      payload: { needs: ['cv_interviews', 'network'], availability: ['mon_am'] },
    });
    expect(edit.statusCode).toBe(204);
    const me = await app.inject({ method: 'GET', url: '/mentees/me', headers: self.headers });
    expect(me.json()).toMatchObject({ view: 'self', needs: ['cv_interviews', 'network'] });
    const statusChange = await app.inject({
      method: 'PATCH',
      url: '/mentees/me',
      headers: self.headers,
      payload: { status: 'in_tandem' },
    });
    expect(statusChange.statusCode).toBe(400);
  });
});

describe('notes on a mentee', () => {
  it('keeps staff notes in the hub, shares partner notes, and never shows any to mentors or mentees', async () => {
    const { id } = (await refer(referrerA, referral('Notes'))).json<{ id: string }>();
    const write = (credentials: TestCredentials, body: string, visibility: string) =>
      app.inject({
        method: 'POST',
        url: `/mentees/${id}/notes`,
        headers: credentials.headers,
        payload: { body, visibility },
      });
    expect((await write(coordinator, 'Note interne au hub', 'staff')).statusCode).toBe(201);
    expect((await write(referrerA, 'Suivi partagé avec le hub', 'partner')).statusCode).toBe(201);
    expect((await write(referrerA, 'Mon pense-bête', 'private')).statusCode).toBe(201);
    expect((await write(referrerA, 'Tentative', 'staff')).statusCode).toBe(403);

    const read = async (credentials: TestCredentials) => {
      const response = await app.inject({
        method: 'GET',
        url: `/mentees/${id}/notes`,
        headers: credentials.headers,
      });
      return {
        status: response.statusCode,
        bodies:
          response.statusCode === 200
            ? response.json<{ items: { body: string }[] }>().items.map((note) => note.body)
            : [],
      };
    };
    expect(await read(coordinator)).toEqual({
      status: 200,
      bodies: ['Note interne au hub', 'Suivi partagé avec le hub'],
    });
    expect(await read(referrerA)).toEqual({
      status: 200,
      bodies: ['Suivi partagé avec le hub', 'Mon pense-bête'],
    });
    expect((await read(referrerB)).status).toBe(404);
    const mentor = await signInAs(app, database.db, 'mentor');
    const mentee = await signInAs(app, database.db, 'mentee');
    expect((await read(mentor)).status).toBe(403);
    expect((await read(mentee)).status).toBe(403);
  });
});
