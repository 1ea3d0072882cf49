import type { Role } from '../domain/people.ts';

/**
 * Who may call a route. Every route declares it in `config.access`; the app refuses to
 * start with a route that does not (see `requireAccessDeclaration`).
 * - `public`: anyone, signed in or not (health, OpenAPI, sign-in).
 * - a list of roles: a signed-in user holding one of them.
 */
export type RouteAccess = 'public' | readonly Role[];

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

/** Throws when a route was registered without saying who may call it. */
export function requireAccessDeclaration(route: {
  method: string | string[];
  url: string;
  config?: { access?: RouteAccess };
}): void {
  if (route.config?.access === undefined) {
    const methods = Array.isArray(route.method) ? route.method.join(',') : route.method;
    throw new Error(`route ${methods} ${route.url} does not declare config.access`);
  }
}
