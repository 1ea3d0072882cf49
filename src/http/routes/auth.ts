import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MIN_PASSWORD_LENGTH, PASSWORD_ROLES } from '../../domain/auth.ts';
import type { ServiceContext } from '../../services/context.ts';
import { requestSignInLink } from '../../services/auth/request-sign-in-link.ts';
import { setOwnPassword } from '../../services/auth/set-own-password.ts';
import { signInWithLink } from '../../services/auth/sign-in-with-link.ts';
import { signInWithPassword } from '../../services/auth/sign-in-with-password.ts';
import { signOut } from '../../services/auth/sign-out.ts';
import { findUserById } from '../../db/repositories/users-repository.ts';
import { SIGNED_IN } from '../access.ts';
import { clearSessionCookie, csrfTokenFor, setSessionCookie } from '../plugins/authentication.ts';
import { presentUser, userSchema } from '../presenters/user.ts';
import { commonErrors } from '../schemas/errors.ts';

/** Sign-in attempts per client address and minute, on top of the per-account lock-out. */
const SIGN_IN_RATE_LIMIT = { max: 10, timeWindow: '1 minute' } as const;

const email = z.email().max(254).meta({ example: 'camille.martin@example.org' });
const sessionSchema = z.object({ user: userSchema, csrfToken: z.string() });

/** Sign-in by e-mail link (everyone) or password (staff), session and sign-out. */
export function authRoutes(options: {
  services: ServiceContext;
  secureCookies: boolean;
}): FastifyPluginAsyncZod {
  const { services, secureCookies } = options;
  return (app) => {
    app.post(
      '/auth/sign-in-link',
      {
        config: { access: 'public', rateLimit: SIGN_IN_RATE_LIMIT },
        schema: {
          tags: ['auth'],
          summary: 'E-mail a single-use sign-in link',
          description:
            'Always answers 202, whether or not the address has an account. The link works once, for 20 minutes.',
          body: z.object({ email }),
          response: {
            202: z.object({ sent: z.literal(true) }).meta({ example: { sent: true } }),
            ...commonErrors,
          },
        },
      },
      async (request, reply) => {
        await requestSignInLink(services, { email: request.body.email });
        return reply.status(202).send({ sent: true });
      },
    );

    app.post(
      '/auth/sign-in',
      {
        config: { access: 'public', rateLimit: SIGN_IN_RATE_LIMIT },
        schema: {
          tags: ['auth'],
          summary: 'Sign in with the token of an e-mailed link',
          body: z
            .object({ token: z.string().min(20).max(200) })
            .meta({ example: { token: 'q3Jx0bN8m1Vt2YwZ9k4Lc7Hs5Pd6Rf0Ga1Ue3Io8Ty2' } }),
          response: { 200: sessionSchema, ...commonErrors },
        },
      },
      async (request, reply) => {
        const session = await signInWithLink(services, {
          token: request.body.token,
          origin: request.origin,
        });
        return sendSession(request, reply, session);
      },
    );

    app.post(
      '/auth/sign-in/password',
      {
        config: { access: 'public', rateLimit: SIGN_IN_RATE_LIMIT },
        schema: {
          tags: ['auth'],
          summary: 'Sign in with a password (staff only)',
          body: z.object({ email, password: z.string().min(1).max(1024) }),
          response: { 200: sessionSchema, ...commonErrors },
        },
      },
      async (request, reply) => {
        const session = await signInWithPassword(services, {
          email: request.body.email,
          password: request.body.password,
          origin: request.origin,
        });
        return sendSession(request, reply, session);
      },
    );

    app.get(
      '/auth/session',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'The signed-in user, and a CSRF token for writes',
          description: 'Send the token back in the `x-csrf-token` header of every write.',
          response: {
            200: z.object({ user: userSchema.nullable(), csrfToken: z.string().nullable() }),
          },
        },
      },
      async (request, reply) => {
        if (request.actor.kind !== 'user') return { user: null, csrfToken: null };
        const user = await findUserById(services.db, request.actor.userId);
        return { user: user ? presentUser(user) : null, csrfToken: csrfTokenFor(request, reply) };
      },
    );

    for (const everywhere of [false, true]) {
      app.post(
        everywhere ? '/auth/sign-out-everywhere' : '/auth/sign-out',
        {
          config: { access: SIGNED_IN },
          schema: {
            tags: ['auth'],
            summary: everywhere
              ? 'Sign out on every device and void pending sign-in links'
              : 'Sign out of this session',
            response: { 204: z.null(), ...commonErrors },
          },
        },
        async (request, reply) => {
          await signOut(services, {
            sessionToken: request.sessionToken,
            origin: request.origin,
            everywhere,
          });
          clearSessionCookie(reply);
          return reply.status(204).send(null);
        },
      );
    }

    app.put(
      '/auth/password',
      {
        config: { access: PASSWORD_ROLES },
        schema: {
          tags: ['auth'],
          summary: 'Set or change one’s own password (staff)',
          body: z
            .object({ password: z.string().min(MIN_PASSWORD_LENGTH).max(1024) })
            .meta({ example: { password: 'une phrase facile à retenir' } }),
          response: { 204: z.null(), ...commonErrors },
        },
      },
      async (request, reply) => {
        await setOwnPassword(services, { password: request.body.password, origin: request.origin });
        return reply.status(204).send(null);
      },
    );
    return Promise.resolve();
  };

  function sendSession(
    request: Parameters<typeof csrfTokenFor>[0],
    reply: Parameters<typeof csrfTokenFor>[1],
    session: Awaited<ReturnType<typeof signInWithLink>>,
  ) {
    setSessionCookie(reply, session.sessionToken, secureCookies);
    request.actor = {
      kind: 'user',
      userId: session.user.id,
      role: session.user.role,
      partnerId: session.user.partnerId,
    };
    return { user: presentUser(session.user), csrfToken: csrfTokenFor(request, reply) };
  }
}
