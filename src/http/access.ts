import { ROLES, type Role } from '../domain/people.ts';

/**
 * Who may call a route. Every route declares it in `config.access`; the app refuses to
 * start with a route that does not (see `requireAccessDeclaration`).
 * - `public`: anyone, signed in or not (health, OpenAPI, sign-in).
 * - a list of roles: a signed-in user holding one of them.
 */
export type RouteAccess = 'public' | readonly Role[];

/** Every signed-in user, whatever their role. */
export const SIGNED_IN: readonly Role[] = ROLES;
/** Hub staff. */
export const STAFF: readonly Role[] = ['admin', 'coordinator'];

/** The status a caller gets from the access check alone: 401, 403, or undefined (let through). */
export function accessDenial(access: RouteAccess, role: Role | undefined): 401 | 403 | undefined {
  if (access === 'public') return undefined;
  if (!role) return 401;
  return access.includes(role) ? undefined : 403;
}

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
