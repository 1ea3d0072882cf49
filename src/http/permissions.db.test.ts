import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/support/app.ts';
import { ANONYMOUS_CREDENTIALS, signInAs } from '../../test/support/sessions.ts';
import { createTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { ROLES, type Role } from '../domain/people.ts';
import { accessDenial } from './access.ts';

let database: DatabaseHandle;
let app: FastifyInstance;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

/** A concrete URL for a route pattern: every `:param` becomes a fresh UUID. */
function concreteUrl(pattern: string): string {
  return pattern.replace(/:[A-Za-z]+/g, () => crypto.randomUUID());
}

describe('the permission matrix, generated from the route table', () => {
  it('has a declared access for every route, and covers the API routes', () => {
    const urls = app.routeTable.map((route) => `${route.method} ${route.url}`);
    expect(urls).toContain('GET /health');
    expect(urls).toContain('POST /users/invitations');
    for (const route of app.routeTable) expect(route.access).toBeDefined();
  });

  it('answers every route, for every role and anonymously, as its access says', async () => {
    const routes = app.routeTable.filter((route) => !route.url.startsWith('/docs'));
    const callers: (Role | undefined)[] = [undefined, ...ROLES];
    const mismatches: string[] = [];
    for (const route of routes) {
      for (const role of callers) {
        // A fresh session per call: some routes (sign-out) end the caller's session.
        const credentials = role ? await signInAs(app, database.db, role) : ANONYMOUS_CREDENTIALS;
        const response = await app.inject({
          method: route.method as 'GET',
          url: concreteUrl(route.url),
          headers: credentials.headers,
          ...(route.method === 'GET' ? {} : { payload: {} }),
        });
        const denial = accessDenial(route.access, role);
        const gotDenial = response.statusCode === 401 || response.statusCode === 403;
        const ok = denial ? response.statusCode === denial : !gotDenial;
        if (!ok || response.statusCode >= 500) {
          mismatches.push(
            `${route.method} ${route.url} as ${role ?? 'anonymous'}: expected ${denial ?? 'access'}, got ${response.statusCode} ${response.body.slice(0, 120)}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
