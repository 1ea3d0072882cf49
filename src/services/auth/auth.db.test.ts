import { failureCode } from '../../../test/support/errors.ts';
import { lastLinkTokenFor as lastLinkTokenForIn } from '../../../test/support/outbox.ts';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../test/support/clock.ts';
import { createPartner, createUser } from '../../../test/support/factories.ts';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import { auditLog, jobs, users } from '../../db/schema/index.ts';
import { ANONYMOUS, LOCKOUT_MINUTES, MAX_PASSWORD_FAILURES } from '../../domain/auth.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { disableUser } from './disable-user.ts';
import { inviteUser } from './invite-user.ts';
import { requestSignInLink } from './request-sign-in-link.ts';
import { resolveSession } from './resolve-session.ts';
import { setOwnPassword } from './set-own-password.ts';
import { signInWithLink } from './sign-in-with-link.ts';
import { signInWithPassword } from './sign-in-with-password.ts';
import { signOut } from './sign-out.ts';

let handle: DatabaseHandle;
const clock = manualClock();
let context: ServiceContext;
const anonymous: RequestOrigin = { actor: ANONYMOUS, ipAddress: '203.0.113.7', userAgent: 'test' };

beforeAll(async () => {
  handle = await createTestDatabase();
  context = { db: handle.db, clock, publicUrl: 'https://hub.example.test' };
});
afterAll(async () => handle.close());

const lastLinkTokenFor = (email: string) => lastLinkTokenForIn(handle.db, email);

describe('sign-in by e-mail link', () => {
  it('signs in once, activates an invited account, and refuses a replay', async () => {
    const user = await createUser(handle.db, { role: 'mentor', status: 'invited' });
    await requestSignInLink(context, { email: user.email!.toUpperCase() });
    const token = await lastLinkTokenFor(user.email!);
    const session = await signInWithLink(context, { token, origin: anonymous });
    expect(session.user.id).toBe(user.id);
    const actor = await resolveSession(context, session.sessionToken);
    expect(actor).toEqual({ kind: 'user', userId: user.id, role: 'mentor', partnerId: null });
    const [row] = await handle.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.status).toBe('active');
    expect(await failureCode(signInWithLink(context, { token, origin: anonymous }))).toBe(
      'sign_in_link_invalid',
    );
    const audits = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, user.id), eq(auditLog.action, 'auth.sign_in')));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.ipAddress).toBe('203.0.113.7');
  });

  it('lets only one of two concurrent uses of a link through', async () => {
    const user = await createUser(handle.db, { role: 'mentee' });
    await requestSignInLink(context, { email: user.email! });
    const token = await lastLinkTokenFor(user.email!);
    const results = await Promise.allSettled([
      signInWithLink(context, { token, origin: anonymous }),
      signInWithLink(context, { token, origin: anonymous }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
  });

  it('refuses an expired link', async () => {
    const user = await createUser(handle.db, { role: 'mentee' });
    await requestSignInLink(context, { email: user.email! });
    const token = await lastLinkTokenFor(user.email!);
    clock.advanceMinutes(21);
    expect(await failureCode(signInWithLink(context, { token, origin: anonymous }))).toBe(
      'sign_in_link_invalid',
    );
  });

  it('refuses a tampered link', async () => {
    const user = await createUser(handle.db, { role: 'mentee' });
    await requestSignInLink(context, { email: user.email! });
    const token = await lastLinkTokenFor(user.email!);
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(await failureCode(signInWithLink(context, { token: tampered, origin: anonymous }))).toBe(
      'sign_in_link_invalid',
    );
  });

  it('makes links and sessions useless once the account is disabled', async () => {
    const admin = await createUser(handle.db, { role: 'admin' });
    const user = await createUser(handle.db, { role: 'mentor' });
    await requestSignInLink(context, { email: user.email! });
    const session = await signInWithLink(context, {
      token: await lastLinkTokenFor(user.email!),
      origin: anonymous,
    });
    await requestSignInLink(context, { email: user.email! });
    const pending = await lastLinkTokenFor(user.email!);
    await disableUser(context, {
      userId: user.id,
      origin: { actor: { kind: 'user', userId: admin.id, role: 'admin', partnerId: null } },
    });
    expect(await resolveSession(context, session.sessionToken)).toEqual(ANONYMOUS);
    expect(await failureCode(signInWithLink(context, { token: pending, origin: anonymous }))).toBe(
      'sign_in_link_invalid',
    );
    const before = await handle.db.select().from(jobs);
    await requestSignInLink(context, { email: user.email! });
    expect(await handle.db.select().from(jobs)).toHaveLength(before.length);
  });

  it('answers an unknown address exactly like a known one, and sends nothing', async () => {
    const before = await handle.db.select().from(jobs);
    await expect(
      requestSignInLink(context, { email: 'nobody@example.test' }),
    ).resolves.toBeUndefined();
    expect(await handle.db.select().from(jobs)).toHaveLength(before.length);
  });
});

describe('staff passwords', () => {
  it('signs a coordinator in with a password and locks the account after repeated failures', async () => {
    const coordinator = await createUser(handle.db, { role: 'coordinator' });
    const session = await signInWithLink(context, {
      token: await (async () => {
        await requestSignInLink(context, { email: coordinator.email! });
        return lastLinkTokenFor(coordinator.email!);
      })(),
      origin: anonymous,
    });
    const origin: RequestOrigin = {
      actor: await resolveSession(context, session.sessionToken),
    };
    expect(await failureCode(setOwnPassword(context, { password: 'short', origin }))).toBe(
      'password_too_weak',
    );
    await setOwnPassword(context, { password: 'une phrase assez longue', origin });
    const email = coordinator.email!;
    const good = await signInWithPassword(context, {
      email,
      password: 'une phrase assez longue',
      origin: anonymous,
    });
    expect(good.user.id).toBe(coordinator.id);
    for (let attempt = 0; attempt < MAX_PASSWORD_FAILURES; attempt += 1) {
      expect(
        await failureCode(
          signInWithPassword(context, { email, password: 'wrong', origin: anonymous }),
        ),
      ).toBe('sign_in_failed');
    }
    expect(
      await failureCode(
        signInWithPassword(context, {
          email,
          password: 'une phrase assez longue',
          origin: anonymous,
        }),
      ),
    ).toBe('account_locked');
    clock.advanceMinutes(LOCKOUT_MINUTES + 1);
    const again = await signInWithPassword(context, {
      email,
      password: 'une phrase assez longue',
      origin: anonymous,
    });
    expect(again.user.id).toBe(coordinator.id);
  });

  it('never lets a mentor or mentee sign in with a password', async () => {
    const mentor = await createUser(handle.db, {
      role: 'mentor',
      passwordHash: 'scrypt$1$1$1$AA$AA',
    });
    expect(
      await failureCode(
        signInWithPassword(context, { email: mentor.email!, password: 'x', origin: anonymous }),
      ),
    ).toBe('sign_in_failed');
  });
});

describe('sign-out', () => {
  it('ends one session, or every session of the account', async () => {
    const user = await createUser(handle.db, { role: 'mentee' });
    const sessions = [];
    for (let i = 0; i < 3; i += 1) {
      await requestSignInLink(context, { email: user.email! });
      sessions.push(
        await signInWithLink(context, {
          token: await lastLinkTokenFor(user.email!),
          origin: anonymous,
        }),
      );
    }
    const origin = { actor: await resolveSession(context, sessions[0]!.sessionToken) };
    await signOut(context, { sessionToken: sessions[0]!.sessionToken, origin, everywhere: false });
    expect(await resolveSession(context, sessions[0]!.sessionToken)).toEqual(ANONYMOUS);
    expect((await resolveSession(context, sessions[1]!.sessionToken)).kind).toBe('user');
    await signOut(context, { sessionToken: sessions[1]!.sessionToken, origin, everywhere: true });
    expect(await resolveSession(context, sessions[1]!.sessionToken)).toEqual(ANONYMOUS);
    expect(await resolveSession(context, sessions[2]!.sessionToken)).toEqual(ANONYMOUS);
  });
});

describe('invitations', () => {
  it('lets a coordinator invite a referrer of a partner, who signs in with the invitation link', async () => {
    const coordinator = await createUser(handle.db, { role: 'coordinator' });
    const partner = await createPartner(handle.db);
    const origin: RequestOrigin = {
      actor: { kind: 'user', userId: coordinator.id, role: 'coordinator', partnerId: null },
    };
    const email = `referente-${partner.id.slice(0, 8)}@example.test`;
    const invited = await inviteUser(context, {
      email,
      role: 'referrer',
      firstName: 'Inès',
      lastName: 'Haddad',
      partnerId: partner.id,
      origin,
    });
    expect(invited).toMatchObject({ status: 'invited', partnerId: partner.id });
    clock.advanceMinutes(3 * 24 * 60);
    const session = await signInWithLink(context, {
      token: await lastLinkTokenFor(email),
      origin: anonymous,
    });
    expect(session.user.role).toBe('referrer');
    expect(
      await failureCode(
        inviteUser(context, {
          email,
          role: 'referrer',
          firstName: 'A',
          lastName: 'B',
          partnerId: partner.id,
          origin,
        }),
      ),
    ).toBe('email_taken');
  });

  it('follows who may invite whom', async () => {
    const coordinator = await createUser(handle.db, { role: 'coordinator' });
    const origin: RequestOrigin = {
      actor: { kind: 'user', userId: coordinator.id, role: 'coordinator', partnerId: null },
    };
    const attempt = inviteUser(context, {
      email: 'new-admin@example.test',
      role: 'admin',
      firstName: 'A',
      lastName: 'B',
      origin,
    });
    expect(await failureCode(attempt)).toBe('forbidden');
    expect(
      await failureCode(
        inviteUser(context, {
          email: 'x@example.test',
          role: 'referrer',
          firstName: 'A',
          lastName: 'B',
          origin,
        }),
      ),
    ).toBe('validation_failed');
  });
});
