import { count } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import {
  createCohort,
  createMentee,
  createMentor,
  createPartner,
  createProgram,
  defaultProgramId,
} from '../../../test/support/factories.ts';
import { signInAs, type TestCredentials } from '../../../test/support/sessions.ts';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import { auditLog, cohorts, programMentors, programs } from '../../db/schema/index.ts';
import { DEFAULT_MATCHING_WEIGHTS } from '../../domain/matching-weights.ts';

let database: DatabaseHandle;
let app: FastifyInstance;
let coordinator: TestCredentials;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  coordinator = await signInAs(app, database.db, 'coordinator');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

type Page = { items: { id: string }[]; total: number };

async function tableSizes() {
  const sizes = [];
  for (const table of [programs, cohorts, programMentors, auditLog]) {
    const [row] = await database.db.select({ n: count() }).from(table);
    sizes.push(row?.n);
  }
  return sizes;
}

describe('programmes over HTTP', () => {
  it('creates a programme with partial weights completed by the defaults, then edits it', async () => {
    const partner = await createPartner(database.db);
    const created = await app.inject({
      method: 'POST',
      url: '/programs',
      headers: coordinator.headers,
      payload: {
        name: 'Work’Up Massilia – session 3',
        partnerId: partner.id,
        tracks: ['job_search'],
        durationMonths: 6,
        checkInMonths: [1, 3, 6],
        restrictToDedicatedMentors: true,
        matchingWeights: { occupation: 0.3, text: 0 },
        minimumScore: 0.4,
      },
    });
    expect(created.statusCode).toBe(201);
    const program = created.json<{ id: string }>();
    expect(program).toMatchObject({
      partnerId: partner.id,
      matchingWeights: { ...DEFAULT_MATCHING_WEIGHTS, occupation: 0.3, text: 0 },
      minimumScore: 0.4,
      isDefault: false,
    });
    const edited = await app.inject({
      method: 'PATCH',
      url: `/programs/${program.id}`,
      headers: coordinator.headers,
      payload: { matchingWeights: null, checkInMonths: [1, 2, 4, 6] },
    });
    expect(edited.json()).toMatchObject({ matchingWeights: null, checkInMonths: [1, 2, 4, 6] });
    const read = await app.inject({
      method: 'GET',
      url: `/programs/${program.id}`,
      headers: coordinator.headers,
    });
    expect(read.json()).toEqual(edited.json());
  });

  it('refuses invalid settings with 400 and a stable code', async () => {
    const cases: [unknown, string][] = [
      [{ name: 'P', checkInMonths: [3, 1] }, 'validation_failed'],
      [{ name: 'P', checkInMonths: [1, 1] }, 'validation_failed'],
      [{ name: 'P', checkInMonths: [0] }, 'validation_failed'],
      [{ name: 'P', checkInMonths: [61] }, 'validation_failed'],
      [{ name: 'P', durationMonths: 0 }, 'validation_failed'],
      [{ name: 'P', durationMonths: 61 }, 'validation_failed'],
      [{ name: 'P', proposalDeadlineDays: 2.5 }, 'validation_failed'],
      [{ name: 'P', minimumScore: 1.5 }, 'validation_failed'],
      [{ name: 'P', matchingWeights: { needs: -1 } }, 'validation_failed'],
      [{ name: 'P', matchingWeights: { track: 1 } }, 'validation_failed'],
      [{ name: 'P', tracks: ['job_search', 'job_search'] }, 'validation_failed'],
      [{ name: 'P', tracks: ['retirement'] }, 'validation_failed'],
      [{ name: 'P', partnerId: 'partner-b' }, 'validation_failed'],
      [{ name: 'P', partnerId: crypto.randomUUID() }, 'partner_unknown'],
    ];
    const before = await tableSizes();
    for (const [payload, code] of cases) {
      const response = await app.inject({
        method: 'POST',
        url: '/programs',
        headers: coordinator.headers,
        payload: payload as object,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json()).toMatchObject({ error: { code } });
    }
    expect(await tableSizes()).toEqual(before);
  });

  it('never deactivates or deletes the general programme (409)', async () => {
    const programId = await defaultProgramId(database.db);
    for (const [method, url] of [
      ['POST', `/programs/${programId}/deactivate`],
      ['DELETE', `/programs/${programId}`],
    ] as const) {
      const response = await app.inject({ method, url, headers: coordinator.headers });
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ error: { code: 'default_program_locked' } });
    }
  });

  it('deactivates, reactivates and deletes a programme', async () => {
    const program = await createProgram(database.db);
    const off = await app.inject({
      method: 'POST',
      url: `/programs/${program.id}/deactivate`,
      headers: coordinator.headers,
    });
    expect(off.json()).toMatchObject({ isActive: false });
    const on = await app.inject({
      method: 'POST',
      url: `/programs/${program.id}/reactivate`,
      headers: coordinator.headers,
    });
    expect(on.json()).toMatchObject({ isActive: true });
    const deleted = await app.inject({
      method: 'DELETE',
      url: `/programs/${program.id}`,
      headers: coordinator.headers,
    });
    expect(deleted.statusCode).toBe(204);
    const gone = await app.inject({
      method: 'GET',
      url: `/programs/${program.id}`,
      headers: coordinator.headers,
    });
    expect(gone.statusCode).toBe(404);
  });
});

describe('cohorts over HTTP', () => {
  it('creates, edits and lists cohorts; refuses duplicates and reversed dates', async () => {
    const program = await createProgram(database.db);
    const url = `/programs/${program.id}/cohorts`;
    const created = await app.inject({
      method: 'POST',
      url,
      headers: coordinator.headers,
      payload: { name: 'Session 1', startsOn: '2026-03-02', endsOn: '2026-09-04' },
    });
    expect(created.statusCode).toBe(201);
    const cohort = created.json<{ id: string }>();
    const duplicate = await app.inject({
      method: 'POST',
      url,
      headers: coordinator.headers,
      payload: { name: 'Session 1', startsOn: '2026-10-05' },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ error: { code: 'cohort_name_taken' } });
    const reversed = await app.inject({
      method: 'POST',
      url,
      headers: coordinator.headers,
      payload: { name: 'Session 2', startsOn: '2026-03-02', endsOn: '2026-03-01' },
    });
    expect(reversed.statusCode).toBe(400);
    const reversedByEdit = await app.inject({
      method: 'PATCH',
      url: `${url}/${cohort.id}`,
      headers: coordinator.headers,
      payload: { startsOn: '2026-12-01' },
    });
    expect(reversedByEdit.statusCode).toBe(400);
    expect(reversedByEdit.json()).toMatchObject({ error: { code: 'cohort_dates_invalid' } });
    for (const startsOn of ['2026-02-30', '0000-01-01', '2026-1-1', '', '2026-03-02T00:00:00Z']) {
      const bad = await app.inject({
        method: 'POST',
        url,
        headers: coordinator.headers,
        payload: { name: `Date ${startsOn}`, startsOn },
      });
      expect(bad.statusCode, startsOn).toBe(400);
    }
    const edited = await app.inject({
      method: 'PATCH',
      url: `${url}/${cohort.id}`,
      headers: coordinator.headers,
      payload: { endsOn: null },
    });
    expect(edited.json()).toMatchObject({ id: cohort.id, endsOn: null });
    const list = await app.inject({ method: 'GET', url, headers: coordinator.headers });
    expect(list.json()).toEqual({ items: [edited.json()] });
  });
});

describe('dedicated mentors over HTTP', () => {
  it('dedicates a mentor, lists, moves and removes them; refuses non-mentors', async () => {
    const program = await createProgram(database.db);
    const cohort = await createCohort(database.db, { programId: program.id });
    const mentor = await createMentor(database.db);
    const mentee = await createMentee(database.db);
    const base = `/programs/${program.id}/mentors`;

    const added = await app.inject({
      method: 'PUT',
      url: `${base}/${mentor.user.id}`,
      headers: coordinator.headers,
      payload: { cohortId: null },
    });
    expect(added.statusCode).toBe(200);
    expect(added.json()).toMatchObject({ mentorId: mentor.user.id, cohortId: null });
    const moved = await app.inject({
      method: 'PUT',
      url: `${base}/${mentor.user.id}`,
      headers: coordinator.headers,
      payload: { cohortId: cohort.id },
    });
    expect(moved.json()).toMatchObject({ cohortId: cohort.id });
    const list = await app.inject({ method: 'GET', url: base, headers: coordinator.headers });
    expect(list.json()).toEqual({ items: [moved.json()] });

    const notMentor = await app.inject({
      method: 'PUT',
      url: `${base}/${mentee.user.id}`,
      headers: coordinator.headers,
      payload: { cohortId: null },
    });
    expect(notMentor.statusCode).toBe(400);
    expect(notMentor.json()).toMatchObject({ error: { code: 'not_a_mentor' } });
    const nobody = await app.inject({
      method: 'PUT',
      url: `${base}/${crypto.randomUUID()}`,
      headers: coordinator.headers,
      payload: { cohortId: null },
    });
    expect(nobody.statusCode).toBe(404);

    const removed = await app.inject({
      method: 'DELETE',
      url: `${base}/${mentor.user.id}`,
      headers: coordinator.headers,
    });
    expect(removed.statusCode).toBe(204);
    const again = await app.inject({
      method: 'DELETE',
      url: `${base}/${mentor.user.id}`,
      headers: coordinator.headers,
    });
    expect(again.statusCode).toBe(404);
  });
});

describe('programmes for a referrer', () => {
  it('shows partner A’s referrer the programmes open to A, and 404 for one reserved to B', async () => {
    const partnerA = await createPartner(database.db);
    const partnerB = await createPartner(database.db);
    const forA = await createProgram(database.db, { partnerId: partnerA.id });
    const forB = await createProgram(database.db, { partnerId: partnerB.id, name: 'Réservé à B' });
    const cohortOfB = await createCohort(database.db, { programId: forB.id, name: 'Promo de B' });
    const referrer = await signInAs(app, database.db, 'referrer', { partnerId: partnerA.id });

    const list = await app.inject({
      method: 'GET',
      url: '/programs?pageSize=100',
      headers: referrer.headers,
    });
    const ids = list.json<Page>().items.map((item) => item.id);
    expect(ids).toContain(forA.id);
    expect(ids).not.toContain(forB.id);
    expect(list.body).not.toContain(partnerB.id);
    const filtered = await app.inject({
      method: 'GET',
      url: `/programs?partnerId=${partnerB.id}`,
      headers: referrer.headers,
    });
    expect(filtered.json()).toMatchObject({ items: [], total: 0 });

    for (const url of [`/programs/${forB.id}`, `/programs/${forB.id}/cohorts`]) {
      const response = await app.inject({ method: 'GET', url, headers: referrer.headers });
      expect(response.statusCode, url).toBe(404);
      expect(response.json()).toMatchObject({ error: { code: 'not_found' } });
      expect(response.body).not.toContain(cohortOfB.name);
      expect(response.body).not.toContain(forB.name);
    }
    const cohortsOfA = await app.inject({
      method: 'GET',
      url: `/programs/${forA.id}/cohorts`,
      headers: referrer.headers,
    });
    expect(cohortsOfA.statusCode).toBe(200);

    const mentors = await app.inject({
      method: 'GET',
      url: `/programs/${forA.id}/mentors`,
      headers: referrer.headers,
    });
    expect(mentors.statusCode).toBe(403);
    const write = await app.inject({
      method: 'POST',
      url: `/programs/${forA.id}/cohorts`,
      headers: referrer.headers,
      payload: { name: 'Ma promo', startsOn: '2026-01-05' },
    });
    expect(write.statusCode).toBe(403);
  });
});

describe('malformed writes', () => {
  it('always answer 4xx with a stable code and change nothing', async () => {
    const program = await createProgram(database.db);
    const cohort = await createCohort(database.db, { programId: program.id });
    const mentor = await createMentor(database.db);
    const before = await tableSizes();
    const bodies: unknown[] = [
      {},
      [],
      null,
      'x',
      42,
      { name: '' },
      { name: 'Nul\u0000' },
      { name: 'x'.repeat(201) },
      { name: 'ok', startsOn: 20260105 },
      { name: 'ok', startsOn: '2026-01-05', endsOn: '1999-12-31' },
      { name: 'ok', durationMonths: '6' },
      { name: 'ok', matchingWeights: { needs: 'high' } },
      { name: 'ok', matchingWeights: [] },
      { cohortId: 'cohort' },
      { cohortId: 7 },
      { name: { $ne: null } },
      { name: 'ok', startsOn: '2026-01-05', unexpected: true },
      { durationMonths: 3, isDefault: true },
      { cohortId: null, mentorId: 'other' },
    ];
    const routes = [
      ['POST', '/programs'],
      ['PATCH', `/programs/${program.id}`],
      ['POST', `/programs/${program.id}/cohorts`],
      ['PATCH', `/programs/${program.id}/cohorts/${cohort.id}`],
      ['PUT', `/programs/${program.id}/mentors/${mentor.user.id}`],
    ] as const;
    const failures: string[] = [];
    for (const [method, url] of routes) {
      for (const payload of bodies) {
        const response = await app.inject({
          method,
          url,
          headers: { ...coordinator.headers, 'content-type': 'application/json' },
          payload: JSON.stringify(payload),
        });
        const code = response.json<{ error?: { code?: string } }>().error?.code;
        const acceptable =
          response.statusCode >= 400 && response.statusCode < 500 && typeof code === 'string';
        if (!acceptable) {
          failures.push(`${method} ${url} ${JSON.stringify(payload)} → ${response.statusCode}`);
        }
      }
    }
    expect(failures).toEqual([]);
    for (const url of ['/programs/nope', '/programs/nope/cohorts', '/programs/nope/mentors']) {
      const response = await app.inject({ method: 'GET', url, headers: coordinator.headers });
      expect(response.statusCode, url).toBe(400);
    }
    expect(await tableSizes()).toEqual(before);
  });
});
