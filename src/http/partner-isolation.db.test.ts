import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/support/app.ts';
import { createMentor, createPartner, createProgram } from '../../test/support/factories.ts';
import { signInAs, type TestCredentials } from '../../test/support/sessions.ts';
import { createTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { raiseAlert } from '../db/repositories/tandems-repository.ts';

let database: DatabaseHandle;
let app: FastifyInstance;
let referrerA: TestCredentials;
/** Strings that identify partner B and its people: none may reach A's referrer. */
const secrets = {
  partnerName: 'Structure Bêta Confidentielle',
  lastName: 'Zyxwvutsky',
  email: 'zyxwvutsky.secret@example.test',
};
const ids: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  const partnerA = await createPartner(database.db);
  const partnerB = await createPartner(database.db, { name: secrets.partnerName });
  referrerA = await signInAs(app, database.db, 'referrer', { partnerId: partnerA.id });
  const referrerB = await signInAs(app, database.db, 'referrer', { partnerId: partnerB.id });
  const referred = await app.inject({
    method: 'POST',
    url: '/mentees/referrals',
    headers: referrerB.headers,
    payload: {
      person: { firstName: 'Iris', lastName: secrets.lastName, email: secrets.email },
      profile: { track: 'job_search', communeCode: '13213' },
      consent: {
        purposes: ['mentoring'],
        method: 'verbal',
        givenAt: '2026-11-24T15:00:00+01:00',
        textVersion: '2026-01',
      },
    },
  });
  expect(referred.statusCode).toBe(201);
  ids.mentee = referred.json<{ id: string }>().id;
  ids.partner = partnerB.id;
  ids.user = referrerB.userId!;
  ids.program = (
    await createProgram(database.db, { partnerId: partnerB.id, name: 'Programme Bêta' })
  ).id;
  ids.mentor = (await createMentor(database.db)).user.id;
  // An alert about B's mentee, so that the alert inbox is walked with something to hide.
  await raiseAlert(database.db, {
    kind: 'check_in_unanswered',
    menteeId: ids.mentee,
    partnerId: partnerB.id,
    message: `${secrets.lastName} n’a pas répondu au point de suivi.`,
    dedupeKey: `isolation:${ids.mentee}`,
  });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

/** Puts partner B's ids in every path parameter, by the parameter's name. */
function urlAimedAtPartnerB(pattern: string): string {
  return pattern.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
    const key = Object.keys(ids).find((candidate) => name.toLowerCase().startsWith(candidate));
    return key ? ids[key]! : crypto.randomUUID();
  });
}

describe('partner isolation across every route', () => {
  it('gives a referrer of partner A nothing of partner B through any readable route', async () => {
    const leaks: string[] = [];
    const readRoutes = app.routeTable.filter(
      (route) => route.method === 'GET' && !route.url.startsWith('/docs'),
    );
    expect(readRoutes.length).toBeGreaterThan(10);
    for (const route of readRoutes) {
      const base = urlAimedAtPartnerB(route.url);
      const queries = [
        '',
        `?partnerId=${ids.partner}&pageSize=100`,
        `?q=${secrets.lastName}`,
        `?q=${encodeURIComponent(secrets.partnerName)}`,
      ];
      for (const query of queries) {
        const response = await app.inject({
          method: 'GET',
          url: base + query,
          headers: referrerA.headers,
        });
        expect(response.statusCode, `${route.url}${query}`).toBeLessThan(500);
        for (const [what, secret] of Object.entries(secrets)) {
          if (response.body.includes(secret)) leaks.push(`${route.url}${query} shows B's ${what}`);
        }
        if (response.body.includes(ids.mentee!))
          leaks.push(`${route.url}${query} shows B's mentee id`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('answers A’s referrer about B’s mentee exactly as about an unknown id', async () => {
    const known = await app.inject({
      method: 'GET',
      url: `/mentees/${ids.mentee}`,
      headers: referrerA.headers,
    });
    const unknown = await app.inject({
      method: 'GET',
      url: `/mentees/${crypto.randomUUID()}`,
      headers: referrerA.headers,
    });
    expect([known.statusCode, known.body]).toEqual([unknown.statusCode, unknown.body]);
  });
});
