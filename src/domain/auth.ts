import type { Role } from './people.ts';

/** Who is calling: a signed-in user, or nobody. */
export type Actor =
  { kind: 'user'; userId: string; role: Role; partnerId: string | null } | { kind: 'anonymous' };

export const ANONYMOUS: Actor = { kind: 'anonymous' };

/** How long a sign-in link works: long enough to open one's mailbox, short enough to be safe. */
export const SIGN_IN_LINK_TTL_MINUTES = 20;
/** How long an invitation link works. */
export const INVITATION_TTL_MINUTES = 7 * 24 * 60;
/** A session ends after this long without use. */
export const SESSION_IDLE_MINUTES = 30 * 24 * 60;
/** Consecutive wrong passwords before an account is locked, and for how long. */
export const MAX_PASSWORD_FAILURES = 5;
export const LOCKOUT_MINUTES = 15;
export const MIN_PASSWORD_LENGTH = 12;

/** Staff may also sign in with a password; mentors and mentees use e-mail links only. */
export const PASSWORD_ROLES: readonly Role[] = ['admin', 'coordinator', 'referrer'];

/** Who may invite whom (mentors apply themselves; referrers invite through referrals). */
export const INVITABLE_ROLES_BY_ROLE: Readonly<Partial<Record<Role, readonly Role[]>>> = {
  admin: ['admin', 'coordinator'],
  coordinator: ['referrer'],
  referrer: ['mentee'],
};

/** Whether `actor` may invite someone as `role`. */
export function canInvite(actor: Actor, role: Role): boolean {
  return actor.kind === 'user' && (INVITABLE_ROLES_BY_ROLE[actor.role] ?? []).includes(role);
}
