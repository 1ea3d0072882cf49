import cookie from '@fastify/cookie';
import csrfProtection from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { SESSION_IDLE_MINUTES, type Actor } from '../../domain/auth.ts';
import { AppError } from '../../domain/errors.ts';
import type { RequestOrigin, ServiceContext } from '../../services/context.ts';
import { resolveSession } from '../../services/auth/resolve-session.ts';
import { accessDenial } from '../access.ts';

export const SESSION_COOKIE = 'tandem_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  interface FastifyRequest {
    actor: Actor;
    /** Who asks and from where, for services (policies, audit log). */
    origin: RequestOrigin;
    sessionToken: string | undefined;
  }
}

export type AuthenticationOptions = {
  services: ServiceContext;
  secret: string;
  secureCookies: boolean;
};

/**
 * Resolves the session cookie into `request.actor`, then enforces the route's declared
 * access (401 anonymous, 403 wrong role) and, for cookie-authenticated writes, the CSRF token
 * (header `x-csrf-token`, bound to the user, from `GET /auth/session`).
 */
async function authentication(app: FastifyInstance, options: AuthenticationOptions) {
  await app.register(cookie, { secret: options.secret });
  await app.register(csrfProtection, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'tandem_csrf',
    cookieOpts: {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: options.secureCookies,
      signed: true,
    },
    csrfOpts: { userInfo: true, hmacKey: options.secret },
    getUserInfo: (request) => (request.actor.kind === 'user' ? request.actor.userId : 'anonymous'),
  });
  // Fastify wants null defaults for object decorations; the hook below sets them first thing.
  app.decorateRequest('actor', null as never);
  app.decorateRequest('origin', null as never);
  app.decorateRequest('sessionToken', undefined);

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    const actor = await resolveSession(options.services, token);
    request.actor = actor;
    request.sessionToken = actor.kind === 'user' ? token : undefined;
    request.origin = {
      actor,
      ipAddress: request.ip,
      userAgent: request.headers['user-agent'],
    };
    const access = request.routeOptions.config.access;
    if (access === undefined) return; // 404s: the not-found handler answers.
    const denial = accessDenial(access, actor.kind === 'user' ? actor.role : undefined);
    if (denial === 401) throw new AppError('unauthenticated');
    if (denial === 403) throw new AppError('forbidden');
  });

  // Cookie-authenticated writes must carry the CSRF token: a callback hook, as the plugin's
  // check answers failures itself (FST_CSRF_* errors, mapped to csrf_token_invalid).
  app.addHook('onRequest', (request, reply, done) => {
    const access = request.routeOptions.config.access;
    const needsToken =
      request.actor.kind === 'user' && !SAFE_METHODS.has(request.method) && access !== 'public';
    if (needsToken) app.csrfProtection(request, reply, done);
    else done();
  });
}

/** Sets the session cookie after a successful sign-in. */
export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: SESSION_IDLE_MINUTES * 60,
  });
}

/** Removes the session cookie. */
export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** A CSRF token for the caller, to send back as `x-csrf-token` on writes. */
export function csrfTokenFor(request: FastifyRequest, reply: FastifyReply): string {
  return reply.generateCsrf({
    userInfo: request.actor.kind === 'user' ? request.actor.userId : 'anonymous',
  });
}

export const authenticationPlugin = fp(authentication, { name: 'tandem-authentication' });
