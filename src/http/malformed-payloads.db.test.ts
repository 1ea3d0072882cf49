import fc from 'fast-check';
import { count, isNotNull, max } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/support/app.ts';
import {
  ANONYMOUS_CREDENTIALS,
  signInAs,
  type TestCredentials,
} from '../../test/support/sessions.ts';
import { createTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/client.ts';
import * as schema from '../db/schema/index.ts';
import { ERROR_CATALOGUE } from '../domain/errors.ts';
import type { Role } from '../domain/people.ts';

let database: DatabaseHandle;
let app: FastifyInstance;
const sessions = new Map<Role, TestCredentials>();

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  for (const role of ['admin', 'coordinator', 'referrer', 'mentor', 'mentee'] as const) {
    sessions.set(role, await signInAs(app, database.db, role));
  }
});
afterAll(async () => {
  await app.close();
  await database.close();
});

/** Row counts of the tables a write could touch, and the newest audit and job ids. */
async function fingerprint(): Promise<string> {
  const tables = [
    schema.users,
    schema.partners,
    schema.programs,
    schema.cohorts,
    schema.programMentors,
    schema.mentorProfiles,
    schema.menteeProfiles,
    schema.consents,
    schema.enrolments,
    schema.sessions,
    schema.signInTokens,
    schema.invitations,
  ];
  const counts: number[] = [];
  for (const table of tables) {
    const [row] = await database.db.select({ value: count() }).from(table);
    counts.push(row?.value ?? 0);
  }
  const [audit] = await database.db
    .select({ value: max(schema.auditLog.id) })
    .from(schema.auditLog);
  const [job] = await database.db.select({ value: max(schema.jobs.id) }).from(schema.jobs);
  const [revoked] = await database.db
    .select({ value: count() })
    .from(schema.sessions)
    .where(isNotNull(schema.sessions.revokedAt));
  return JSON.stringify([counts, audit?.value, job?.value, revoked?.value]);
}

/** Values that break naive handlers: wrong types, huge and odd strings, injection fragments. */
const nasty = fc.oneof(
  fc.constantFrom(
    "'; DROP TABLE users; --",
    '<script>alert(1)</script>',
    '\u0000',
    '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✨ عربى',
    '../../etc/passwd',
    '%00',
    '{"$gt": ""}',
    '9'.repeat(400),
    'x'.repeat(100_000),
    '2026-02-30',
    '00000000-0000-0000-0000-000000000000',
    'NaN',
  ),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 5 }),
);
const payload = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.dictionary(fc.string({ maxLength: 20 }), nasty, { maxKeys: 8 }),
  fc.dictionary(
    fc.constantFrom(
      'email',
      'name',
      'role',
      'partnerId',
      'person',
      'profile',
      'consent',
      'track',
      'password',
      'token',
      'kind',
      'capacity',
      'startsOn',
      'endsOn',
      'reason',
      'version',
      'until',
    ),
    nasty,
    { maxKeys: 6 },
  ),
);

describe('malformed payloads on every write route', () => {
  it('always answer 4xx with a stable code and leave the database unchanged', async () => {
    // Sign-out takes no payload at all: any body is ignored and the session ends, as it should.
    const writeRoutes = app.routeTable.filter(
      (route) =>
        route.method !== 'GET' &&
        !route.url.startsWith('/docs') &&
        !route.url.startsWith('/auth/sign-out'),
    );
    expect(writeRoutes.length).toBeGreaterThan(20);
    const codes = new Set(Object.keys(ERROR_CATALOGUE));
    const before = await fingerprint();
    let requests = 0;
    for (const route of writeRoutes) {
      const role = route.access === 'public' ? undefined : route.access[0];
      const credentials = role ? sessions.get(role)! : ANONYMOUS_CREDENTIALS;
      await fc.assert(
        fc.asyncProperty(payload, async (body) => {
          // Only what the route's schema refuses is malformed; a random valid body is skipped.
          fc.pre(!route.body?.safeParse(body).success);
          requests += 1;
          const response = await app.inject({
            method: route.method as 'POST',
            url: route.url.replace(/:[A-Za-z]+/g, '6f1c2a7e-3b1d-4d8e-9a55-0c2f1e9b7d11'),
            headers: { ...credentials.headers, 'content-type': 'application/json' },
            payload: JSON.stringify(body) ?? 'null',
          });
          const label = `${route.method} ${route.url} ${JSON.stringify(body)?.slice(0, 200)}`;
          expect(
            response.statusCode,
            `${label} → ${response.body.slice(0, 300)}`,
          ).toBeGreaterThanOrEqual(400);
          expect(response.statusCode, label).toBeLessThan(500);
          const code = response.json<{ error?: { code?: string } }>().error?.code;
          expect(codes.has(code ?? ''), `${label} → ${response.body.slice(0, 300)}`).toBe(true);
        }),
        { numRuns: 120, seed: 20261125 },
      );
    }
    console.log(`malformed payloads: ${requests} requests to ${writeRoutes.length} write routes`);
    expect(requests).toBeGreaterThan(2000);
    expect(await fingerprint()).toBe(before);
  });
});
