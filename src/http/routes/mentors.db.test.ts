import { lastLinkTokenFor as lastLinkTokenForIn } from '../../../test/support/outbox.ts';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { manualClock } from '../../../test/support/clock.ts';
import { createMentor } from '../../../test/support/factories.ts';
import { credentialsFor, signInAs, type TestCredentials } from '../../../test/support/sessions.ts';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import { auditLog, mentorProfiles, users } from '../../db/schema/index.ts';
import { CHARTER_VERSION } from '../../domain/mentor-lifecycle.ts';

let database: DatabaseHandle;
let app: FastifyInstance;
const clock = manualClock();
let addressCounter = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database, clock);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

/** A client address of its own for each application, so the rate limit stays out of the way. */
const freshAddress = () => `192.0.2.${(addressCounter += 1)}`;

function applicationPayload(overrides: Record<string, unknown> = {}) {
  return {
    firstName: 'Karim',
    lastName: 'Benali',
    email: `karim.${randomUUID()}@example.test`,
    kind: 'entrepreneur',
    jobTitle: 'Fondateur d’une agence',
    employer: 'Studio Calanques',
    occupationCode: 'E1103',
    sectorCode: '73.11Z',
    yearsOfExperience: 18,
    expertise: ['marketing', 'sales'],
    tracks: ['business_creation'],
    languages: ['fr', 'ar'],
    communeCode: '13206',
    availability: ['tue_eve'],
    mode: 'both',
    capacity: 2,
    bio: 'Deux entreprises créées à Marseille.',
    ...overrides,
  };
}

function apply(payload: Record<string, unknown>, remoteAddress = freshAddress()) {
  return app.inject({ method: 'POST', url: '/mentors/applications', remoteAddress, payload });
}

const lastLinkTokenFor = (email: string) => lastLinkTokenForIn(database.db, email);

/** Applies over HTTP and signs in with the e-mailed link, as the applicant would. */
async function applyAndSignIn(overrides: Record<string, unknown> = {}) {
  const payload = applicationPayload(overrides);
  const applied = await apply(payload);
  expect(applied.statusCode).toBe(201);
  expect(applied.json()).toEqual({ status: 'applied' });
  const token = await lastLinkTokenFor(payload.email);
  const signedIn = await app.inject({ method: 'POST', url: '/auth/sign-in', payload: { token } });
  expect(signedIn.statusCode).toBe(200);
  const { user } = signedIn.json<{ user: { id: string; role: string; status: string } }>();
  expect(user).toMatchObject({ role: 'mentor', status: 'active' });
  const cookie = signedIn.cookies.find((c) => c.name === 'tandem_session')!;
  const mentor = await credentialsFor(app, cookie.value, user.id, 'mentor', null);
  return { id: user.id, mentor, email: payload.email };
}

function call(
  credentials: TestCredentials,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  payload?: unknown,
) {
  return app.inject({
    method,
    url,
    headers: credentials.headers,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

describe('a mentor’s whole path over HTTP', () => {
  it('applies, signs in with the link, signs the charter, is approved, pauses, resumes, withdraws', async () => {
    const { id, mentor } = await applyAndSignIn();
    const coordinator = await signInAs(app, database.db, 'coordinator');

    const own = await call(mentor, 'GET', '/mentors/me');
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ id, status: 'applied', capacity: 2, sectorCode: '73.11Z' });
    expect(own.json()).not.toHaveProperty('rejectionReason');
    expect(own.json()).not.toHaveProperty('vettedBy');

    const early = await call(coordinator, 'POST', `/mentors/${id}/approve`);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ error: { code: 'invalid_transition' } });

    const charter = await call(mentor, 'POST', '/mentors/me/charter', {
      version: CHARTER_VERSION,
    });
    expect(charter.statusCode).toBe(200);
    expect(charter.json()).toMatchObject({
      status: 'charter_signed',
      charterVersion: CHARTER_VERSION,
    });

    const approved = await call(coordinator, 'POST', `/mentors/${id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      id,
      status: 'active',
      vettedBy: coordinator.userId,
      accountStatus: 'active',
    });

    const paused = await call(mentor, 'POST', '/mentors/me/pause', { until: '2027-02-01' });
    expect(paused.statusCode).toBe(200);
    expect(paused.json()).toMatchObject({ status: 'paused', pausedUntil: '2027-02-01' });

    const resumed = await call(mentor, 'POST', '/mentors/me/resume');
    expect(resumed.statusCode).toBe(200);
    expect(resumed.json()).toMatchObject({ status: 'active', pausedUntil: null });

    const withdrawn = await call(mentor, 'POST', '/mentors/me/withdraw', {
      reason: 'Nouvelle activité trop prenante.',
    });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn' });
    expect(withdrawn.json()).not.toHaveProperty('withdrawalReason');

    const file = await call(coordinator, 'GET', `/mentors/${id}`);
    expect(file.statusCode).toBe(200);
    expect(file.json()).toMatchObject({
      status: 'withdrawn',
      withdrawalReason: 'Nouvelle activité trop prenante.',
    });
    expect(file.json()).not.toHaveProperty('passwordHash');

    const actions = await database.db
      .select({ action: auditLog.action, actorId: auditLog.actorId })
      .from(auditLog)
      .where(eq(auditLog.subjectId, id))
      .orderBy(auditLog.id);
    expect(actions.map((row) => row.action)).toEqual([
      'mentor.apply',
      'auth.sign_in',
      'mentor.sign_charter',
      'mentor.approve',
      'mentor.pause',
      'mentor.resume',
      'mentor.withdraw',
      'mentor.read',
    ]);
    expect(actions.at(-1)!.actorId).toBe(coordinator.userId);

    const again = await call(mentor, 'POST', '/mentors/me/resume');
    expect(again.statusCode).toBe(409);
  });

  it('lets staff reject an application with a reason the applicant does not see', async () => {
    const { id, mentor } = await applyAndSignIn();
    const admin = await signInAs(app, database.db, 'admin');
    const noReason = await call(admin, 'POST', `/mentors/${id}/reject`, { reason: '   ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ error: { code: 'validation_failed' } });

    const rejected = await call(admin, 'POST', `/mentors/${id}/reject`, {
      reason: 'Candidature hors du territoire.',
    });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Candidature hors du territoire.',
      vettedBy: admin.userId,
    });
    const own = await call(mentor, 'GET', '/mentors/me');
    expect(own.json()).toMatchObject({ status: 'rejected' });
    expect(JSON.stringify(own.json())).not.toContain('territoire');
    const charter = await call(mentor, 'POST', '/mentors/me/charter', { version: CHARTER_VERSION });
    expect(charter.statusCode).toBe(409);
  });

  it('lets staff pause, resume and withdraw a mentor', async () => {
    const { user } = await createMentor(database.db);
    const coordinator = await signInAs(app, database.db, 'coordinator');
    const paused = await call(coordinator, 'POST', `/mentors/${user.id}/pause`, {
      until: '2027-01-15',
    });
    expect(paused.json()).toMatchObject({ status: 'paused', pausedUntil: '2027-01-15' });
    expect((await call(coordinator, 'POST', `/mentors/${user.id}/resume`)).statusCode).toBe(200);
    const withdrawn = await call(coordinator, 'POST', `/mentors/${user.id}/withdraw`, {});
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', withdrawalReason: null });
  });
});

describe('applications', () => {
  it('answers 409 email_taken for an address in use, and nothing more', async () => {
    const payload = applicationPayload();
    expect((await apply(payload)).statusCode).toBe(201);
    const again = await apply({ ...payload, email: payload.email.toUpperCase(), firstName: 'X' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toEqual({
      error: { code: 'email_taken', message: 'Cette adresse e-mail est déjà utilisée.' },
    });
  });

  it('refuses bad input with a 4xx and a stable code, and writes nothing', async () => {
    const [before] = await database.db.$count(mentorProfiles).then((count) => [count]);
    const cases: [Record<string, unknown>, number, string, string?][] = [
      [{ email: 'pas-une-adresse' }, 400, 'validation_failed', 'body/email'],
      [{ occupationCode: 'Z1234' }, 400, 'validation_failed', 'body/occupationCode'],
      [{ sectorCode: '99.99Z' }, 400, 'sector_unknown', 'body/sectorCode'],
      [{ sectorCode: "62'; drop" }, 400, 'validation_failed', 'body/sectorCode'],
      [{ communeCode: '13999' }, 400, 'commune_unknown', 'body/communeCode'],
      [{ kind: 'astronaut' }, 400, 'validation_failed', 'body/kind'],
      [{ capacity: 4 }, 400, 'validation_failed', 'body/capacity'],
      [{ capacity: 0 }, 400, 'validation_failed', 'body/capacity'],
      [{ languages: ['french'] }, 400, 'validation_failed'],
      [{ languages: [] }, 400, 'validation_failed', 'body/languages'],
      [{ expertise: ['magic'] }, 400, 'validation_failed'],
      [{ availability: ['sun_am'] }, 400, 'validation_failed'],
      [{ tracks: [] }, 400, 'validation_failed', 'body/tracks'],
      [{ yearsOfExperience: -1 }, 400, 'validation_failed', 'body/yearsOfExperience'],
      [{ yearsOfExperience: 'ten' }, 400, 'validation_failed'],
      [{ bio: 'x'.repeat(2001) }, 400, 'validation_failed', 'body/bio'],
      [{ firstName: '' }, 400, 'validation_failed', 'body/firstName'],
      [{ jobTitle: 'x'.repeat(151) }, 400, 'validation_failed', 'body/jobTitle'],
    ];
    for (const [override, status, code, field] of cases) {
      const response = await apply(applicationPayload(override));
      expect(response.statusCode, JSON.stringify(override)).toBe(status);
      const body = response.json<{
        error: { code: string; details?: { fields: { field: string }[] } };
      }>();
      expect(body.error.code, JSON.stringify(override)).toBe(code);
      if (field) expect(body.error.details?.fields.map((f) => f.field)).toContain(field);
    }
    const missing = await apply({ email: `x.${randomUUID()}@example.test` });
    expect(missing.statusCode).toBe(400);
    const notJson = await app.inject({
      method: 'POST',
      url: '/mentors/applications',
      remoteAddress: freshAddress(),
      headers: { 'content-type': 'application/json' },
      payload: '{"firstName":',
    });
    expect(notJson.statusCode).toBe(400);
    expect(await database.db.$count(mentorProfiles)).toBe(before);
  });

  it('limits applications per client address', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const response = await apply({ email: 'nope' }, '198.51.100.77');
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 10).every((status) => status === 400)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('profile edits and lifecycle input over HTTP', () => {
  it('edits one’s profile, refuses status and unknown fields, and maps the capacity check', async () => {
    const { id, mentor } = await applyAndSignIn();
    const edited = await call(mentor, 'PATCH', '/mentors/me', {
      capacity: 5,
      availability: ['sat_am'],
      bio: null,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ capacity: 5, availability: ['sat_am'], bio: null });

    for (const payload of [{}, { status: 'active' }, { capacity: 11 }, { communeCode: 'Paris' }]) {
      const refused = await call(mentor, 'PATCH', '/mentors/me', payload);
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      expect(refused.json()).toMatchObject({ error: { code: 'validation_failed' } });
    }
    await database.db
      .update(mentorProfiles)
      .set({ activeTandemCount: 3 })
      .where(eq(mentorProfiles.userId, id));
    const below = await call(mentor, 'PATCH', '/mentors/me', { capacity: 2 });
    expect(below.statusCode).toBe(409);
    expect(below.json()).toMatchObject({ error: { code: 'capacity_below_current_tandems' } });
    const [row] = await database.db
      .select()
      .from(mentorProfiles)
      .where(eq(mentorProfiles.userId, id));
    expect(row).toMatchObject({ capacity: 5, status: 'applied' });
  });

  it('refuses a stale charter version, bad pause dates and bad ids', async () => {
    const { mentor } = await applyAndSignIn();
    const coordinator = await signInAs(app, database.db, 'coordinator');
    const stale = await call(mentor, 'POST', '/mentors/me/charter', { version: '2020-01' });
    expect(stale.statusCode).toBe(400);
    expect(stale.json()).toMatchObject({
      error: { code: 'validation_failed', details: { fields: [{ field: 'body/version' }] } },
    });
    const active = await createMentor(database.db);
    for (const until of ['2026-11-25', '2026-13-01', 'demain', '']) {
      const response = await call(coordinator, 'POST', `/mentors/${active.user.id}/pause`, {
        until,
      });
      expect(response.statusCode, until).toBe(400);
    }
    expect((await call(coordinator, 'POST', '/mentors/not-a-uuid/approve')).statusCode).toBe(400);
    const unknown = await call(coordinator, 'POST', `/mentors/${randomUUID()}/approve`);
    expect(unknown.statusCode).toBe(404);
    expect((await call(coordinator, 'GET', `/mentors/${randomUUID()}`)).statusCode).toBe(404);
    expect((await call(coordinator, 'GET', '/mentors?status=sleeping')).statusCode).toBe(400);
    expect((await call(coordinator, 'GET', '/mentors?sector=6%25')).statusCode).toBe(400);
    expect((await call(coordinator, 'GET', '/mentors?pageSize=1000')).statusCode).toBe(400);
    expect((await call(coordinator, 'GET', '/mentors?hasFreeCapacity=maybe')).statusCode).toBe(400);
  });
});

describe('who sees mentors', () => {
  it('lets staff search with filters and pages, and gives referrers and mentees 403', async () => {
    const employer = `Cabinet ${randomUUID()}`;
    const free = await createMentor(database.db, { employer, capacity: 2, sectorCode: '69.20Z' });
    const full = await createMentor(database.db, { employer, capacity: 1, activeTandemCount: 1 });
    const coordinator = await signInAs(app, database.db, 'coordinator');
    const q = encodeURIComponent(employer);

    const all = await call(coordinator, 'GET', `/mentors?q=${q}&pageSize=1&page=1`);
    expect(all.statusCode).toBe(200);
    expect(all.json()).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(all.json<{ items: unknown[] }>().items).toHaveLength(1);

    const withRoom = await call(coordinator, 'GET', `/mentors?q=${q}&hasFreeCapacity=true`);
    expect(withRoom.json<{ items: { id: string }[] }>().items.map((m) => m.id)).toEqual([
      free.user.id,
    ]);
    const atCapacity = await call(coordinator, 'GET', `/mentors?q=${q}&hasFreeCapacity=false`);
    expect(atCapacity.json<{ items: { id: string }[] }>().items.map((m) => m.id)).toEqual([
      full.user.id,
    ]);
    const bySector = await call(coordinator, 'GET', `/mentors?q=${q}&sector=M&status=active`);
    expect(bySector.json()).toMatchObject({ total: 1, items: [{ id: free.user.id }] });

    for (const role of ['referrer', 'mentee', 'mentor'] as const) {
      const someone = await signInAs(app, database.db, role);
      expect((await call(someone, 'GET', '/mentors')).statusCode, role).toBe(403);
      expect((await call(someone, 'GET', `/mentors/${free.user.id}`)).statusCode, role).toBe(403);
    }
    expect((await app.inject({ method: 'GET', url: '/mentors' })).statusCode).toBe(401);

    const reads = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, free.user.id), eq(auditLog.action, 'mentor.read')));
    expect(reads).toHaveLength(0);
  });

  it('finds mentors whatever the case and accents of the words searched', async () => {
    const tag = randomUUID();
    const mentor = await createMentor(database.db, { employer: `Société Générale Élysée ${tag}` });
    const coordinator = await signInAs(app, database.db, 'coordinator');
    for (const words of [`societe generale ELYSEE ${tag}`, `ÉLYSÉE ${tag}`]) {
      const found = await call(coordinator, 'GET', `/mentors?q=${encodeURIComponent(words)}`);
      expect(found.json(), words).toMatchObject({ total: 1, items: [{ id: mentor.user.id }] });
    }
    const other = await call(
      coordinator,
      'GET',
      `/mentors?q=${encodeURIComponent(`generali ${tag}`)}`,
    );
    expect(other.json()).toMatchObject({ total: 0 });
  });

  it('keeps mentors to their own profile', async () => {
    const { mentor } = await applyAndSignIn();
    const other = await createMentor(database.db);
    expect(
      (await call(mentor, 'POST', `/mentors/${other.user.id}/pause`, { until: '2027-01-01' }))
        .statusCode,
    ).toBe(403);
    const [row] = await database.db.select().from(users).where(eq(users.id, other.user.id));
    expect(row!.status).toBe('active');
  });
});
