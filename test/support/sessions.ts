import type { FastifyInstance } from 'fastify';
import type { Executor } from '../../src/db/client.ts';
import type { Role } from '../../src/domain/people.ts';
import { ANONYMOUS } from '../../src/domain/auth.ts';
import { startSession } from '../../src/services/auth/start-session.ts';
import { createPartner, createUser } from './factories.ts';

/** What a test sends to act as someone: the cookies and the CSRF header. */
export type TestCredentials = {
  userId: string | undefined;
  role: Role | undefined;
  partnerId: string | null;
  headers: Record<string, string>;
};

export const ANONYMOUS_CREDENTIALS: TestCredentials = {
  userId: undefined,
  role: undefined,
  partnerId: null,
  headers: {},
};

/**
 * Signs a new user of `role` in (a referrer gets a partner of their own unless one is given)
 * and fetches a CSRF token through the real `GET /auth/session`.
 */
export async function signInAs(
  app: FastifyInstance,
  db: Executor,
  role: Role,
  options: { partnerId?: string } = {},
): Promise<TestCredentials> {
  const partnerId =
    role === 'referrer' ? (options.partnerId ?? (await createPartner(db)).id) : null;
  const user = await createUser(db, { role, partnerId });
  const session = await startSession(db, user, 'link', { actor: ANONYMOUS }, new Date());
  return credentialsFor(app, session.sessionToken, user.id, role, partnerId);
}

/** Credentials for an existing session token. */
export async function credentialsFor(
  app: FastifyInstance,
  sessionToken: string,
  userId: string,
  role: Role,
  partnerId: string | null,
): Promise<TestCredentials> {
  const cookie = `tandem_session=${sessionToken}`;
  const response = await app.inject({ method: 'GET', url: '/auth/session', headers: { cookie } });
  const { csrfToken } = response.json<{ csrfToken: string }>();
  const csrfCookie = response.cookies.find((c) => c.name === 'tandem_csrf');
  if (!csrfToken || !csrfCookie) throw new Error(`no CSRF token for ${role}`);
  return {
    userId,
    role,
    partnerId,
    headers: {
      cookie: `${cookie}; tandem_csrf=${csrfCookie.value}`,
      'x-csrf-token': csrfToken,
    },
  };
}
