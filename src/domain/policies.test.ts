import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Actor } from './auth.ts';
import { isAppError } from './errors.ts';
import { isInScope, isStaff, partnerScopeOf, requireRole } from './policies.ts';

const user = (
  role: Extract<Actor, { kind: 'user' }>['role'],
  partnerId: string | null = null,
): Actor => ({
  kind: 'user',
  userId: 'u1',
  role,
  partnerId,
});

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isAppError(error) ? error.code : 'other';
  }
  return undefined;
}

describe('policies', () => {
  it('requireRole refuses anonymous callers and other roles', () => {
    expect(codeOf(() => requireRole(ANONYMOUS, ['admin']))).toBe('unauthenticated');
    expect(codeOf(() => requireRole(user('mentor'), ['admin', 'coordinator']))).toBe('forbidden');
    expect(requireRole(user('admin'), ['admin']).role).toBe('admin');
  });

  it('gives staff the whole hub and a referrer their partner only', () => {
    expect(partnerScopeOf(user('coordinator'))).toEqual({ kind: 'all' });
    const scope = partnerScopeOf(user('referrer', 'p1'));
    expect(scope).toEqual({ kind: 'partner', partnerId: 'p1' });
    expect(isInScope(scope, 'p1')).toBe(true);
    expect(isInScope(scope, 'p2')).toBe(false);
    expect(isInScope(scope, null)).toBe(false);
    expect(codeOf(() => partnerScopeOf(user('mentee')))).toBe('forbidden');
    expect(codeOf(() => partnerScopeOf(user('referrer')))).toBe('forbidden');
  });

  it('knows who is staff', () => {
    expect(isStaff(user('admin'))).toBe(true);
    expect(isStaff(user('referrer', 'p'))).toBe(false);
    expect(isStaff(ANONYMOUS)).toBe(false);
  });
});
