import { AppError } from './errors.ts';
import type { Actor } from './auth.ts';
import type { Role } from './people.ts';

/** A signed-in actor. */
export type UserActor = Extract<Actor, { kind: 'user' }>;

/**
 * The first line of every service: the caller must be signed in and hold one of `roles`.
 * Throws `unauthenticated` or `forbidden`; returns the actor, narrowed.
 */
export function requireRole(actor: Actor, roles: readonly Role[]): UserActor {
  if (actor.kind !== 'user') throw new AppError('unauthenticated');
  if (!roles.includes(actor.role)) throw new AppError('forbidden');
  return actor;
}

/** Whether the actor is hub staff (admin or coordinator), who see everything in the hub. */
export function isStaff(actor: Actor): actor is UserActor & { role: 'admin' | 'coordinator' } {
  return actor.kind === 'user' && (actor.role === 'admin' || actor.role === 'coordinator');
}

/**
 * Which partner's people an actor may see: `'all'` for staff, one partner id for a referrer.
 * Services pass it to repositories, which filter in SQL — isolation is enforced in the query.
 */
export type PartnerScope = { kind: 'all' } | { kind: 'partner'; partnerId: string };

/** The partner scope of staff or a referrer; anyone else is refused. */
export function partnerScopeOf(actor: Actor): PartnerScope {
  const user = requireRole(actor, ['admin', 'coordinator', 'referrer']);
  if (user.role === 'referrer') {
    if (!user.partnerId) throw new AppError('forbidden');
    return { kind: 'partner', partnerId: user.partnerId };
  }
  return { kind: 'all' };
}

/**
 * Whether a person referred by `partnerId` is within `scope`. Callers answer `not_found`, not
 * `forbidden`, when it is not: a referrer must not learn that another partner's person exists.
 */
export function isInScope(scope: PartnerScope, partnerId: string | null): boolean {
  return scope.kind === 'all' || scope.partnerId === partnerId;
}
