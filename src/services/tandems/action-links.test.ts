import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionLinkUrl, signActionLink, verifyActionLink } from './action-links.ts';

const secret = 'a-test-secret-that-is-long-enough-000000';
const now = new Date('2026-11-25T09:00:00Z');
const link = {
  purpose: 'proposal_accept' as const,
  userId: '11111111-1111-4111-8111-111111111111',
  subjectId: '22222222-2222-4222-8222-222222222222',
  expiresAt: new Date('2026-12-02T09:00:00Z'),
};

describe('one-click links', () => {
  it('verify what they were signed with', () => {
    const result = verifyActionLink(secret, signActionLink(secret, link), now);
    expect(result.ok && result.link).toMatchObject(link);
  });

  it('get a fresh id each time, so two links for the same action are distinct', () => {
    expect(signActionLink(secret, link)).not.toBe(signActionLink(secret, link));
  });

  it('are refused once expired', () => {
    const token = signActionLink(secret, link);
    expect(verifyActionLink(secret, token, new Date('2026-12-02T09:00:01Z'))).toEqual({
      ok: false,
      problem: 'expired',
    });
  });

  it('are refused with another secret', () => {
    const token = signActionLink(secret, link);
    expect(verifyActionLink(`${secret}x`, token, now)).toEqual({ ok: false, problem: 'tampered' });
  });

  it('are refused when any character is changed (property)', () => {
    const token = signActionLink(secret, link);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    fc.assert(
      fc.property(
        fc.nat({ max: token.length - 1 }),
        fc.constantFrom(...alphabet),
        (position, character) => {
          fc.pre(token[position] !== character);
          const changed = token.slice(0, position) + character + token.slice(position + 1);
          expect(verifyActionLink(secret, changed, now)).toEqual({
            ok: false,
            problem: 'tampered',
          });
        },
      ),
    );
  });

  it('refuse a payload changed to another purpose, and stay short', () => {
    const token = signActionLink(secret, link);
    expect(token.length).toBeLessThan(100);
    const [body, signature] = token.split('.');
    const bytes = Buffer.from(body!, 'base64url');
    bytes.writeUInt8(1, 1);
    const forged = `${bytes.toString('base64url')}.${signature}`;
    expect(verifyActionLink(secret, forged, now)).toEqual({ ok: false, problem: 'tampered' });
    expect(verifyActionLink(secret, 'not-a-token', now).ok).toBe(false);
    expect(verifyActionLink(secret, `${token}.x`, now).ok).toBe(false);
  });

  it('open a page under /liens/', () => {
    expect(actionLinkUrl('https://hub.example/', 'abc')).toBe('https://hub.example/liens/abc');
  });
});
