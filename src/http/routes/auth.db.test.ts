import { lastLinkTokenFor as lastLinkTokenForIn } from '../../../test/support/outbox.ts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { manualClock } from '../../../test/support/clock.ts';
import { createUser } from '../../../test/support/factories.ts';
import { credentialsFor, signInAs } from '../../../test/support/sessions.ts';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import type { DatabaseHandle } from '../../db/client.ts';

let database: DatabaseHandle;
let app: FastifyInstance;
const clock = manualClock();

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database, clock);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const lastLinkTokenFor = (email: string) => lastLinkTokenForIn(database.db, email);

describe('signing in over HTTP', () => {
  it('goes from e-mail link to session cookie to sign-out', async () => {
    const user = await createUser(database.db, { role: 'mentee' });
    const requested = await app.inject({
      method: 'POST',
      url: '/auth/sign-in-link',
      payload: { email: user.email },
    });
    expect(requested.statusCode).toBe(202);
    const token = await lastLinkTokenFor(user.email!);
    const signedIn = await app.inject({ method: 'POST', url: '/auth/sign-in', payload: { token } });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toMatchObject({ user: { id: user.id, role: 'mentee' } });
    const cookie = signedIn.cookies.find((c) => c.name === 'tandem_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(signedIn.json<{ user: Record<string, unknown> }>().user).not.toHaveProperty(
      'passwordHash',
    );

    const replay = await app.inject({ method: 'POST', url: '/auth/sign-in', payload: { token } });
    expect(replay.statusCode).toBe(400);
    expect(replay.json()).toMatchObject({ error: { code: 'sign_in_link_invalid' } });

    const credentials = await credentialsFor(app, cookie.value, user.id, 'mentee', null);
    const session = await app.inject({
      method: 'GET',
      url: '/auth/session',
      headers: credentials.headers,
    });
    expect(session.json()).toMatchObject({ user: { id: user.id } });
    const out = await app.inject({
      method: 'POST',
      url: '/auth/sign-out',
      headers: credentials.headers,
    });
    expect(out.statusCode).toBe(204);
    const after = await app.inject({
      method: 'GET',
      url: '/auth/session',
      headers: credentials.headers,
    });
    expect(after.json()).toEqual({ user: null, csrfToken: null });
  });

  it('refuses a cookie-authenticated write without the right CSRF token', async () => {
    const coordinator = await signInAs(app, database.db, 'coordinator');
    const other = await signInAs(app, database.db, 'coordinator');
    const payload = {
      email: 'someone@example.test',
      role: 'referrer',
      firstName: 'A',
      lastName: 'B',
    };
    const withoutToken = await app.inject({
      method: 'POST',
      url: '/users/invitations',
      headers: { cookie: coordinator.headers.cookie! },
      payload,
    });
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json()).toMatchObject({ error: { code: 'csrf_token_invalid' } });
    const withSomeoneElsesToken = await app.inject({
      method: 'POST',
      url: '/users/invitations',
      headers: {
        cookie: coordinator.headers.cookie!,
        'x-csrf-token': other.headers['x-csrf-token']!,
      },
      payload,
    });
    expect(withSomeoneElsesToken.statusCode).toBe(403);
  });

  it('answers with validation details and a stable code', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/auth/sign-in-link',
      payload: { email: 'nope' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: { code: 'validation_failed', details: { fields: [{ field: 'body/email' }] } },
    });
  });

  it('limits sign-in attempts per address', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const response = await app.inject({
        method: 'POST',
        url: '/auth/sign-in/password',
        remoteAddress: '198.51.100.9',
        payload: { email: 'someone@example.test', password: 'guess' },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('security headers and documentation', () => {
  it('sends security headers', async () => {
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['strict-transport-security']).toBeDefined();
  });

  it('serves the interactive reference at /docs', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('swagger');
  });
});
