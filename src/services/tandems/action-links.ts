import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a one-click link may do; a link does exactly one of these, for one person. */
export const ACTION_LINK_PURPOSES = [
  'proposal_accept',
  'proposal_decline',
  'meeting_log',
  'check_in_answer',
] as const;
export type ActionLinkPurpose = (typeof ACTION_LINK_PURPOSES)[number];

/** The signed content of a link: who, what, on which tandem or check-in, until when. */
export type ActionLink = {
  /** Random id, recorded when the link is used: a link works once. */
  linkId: string;
  purpose: ActionLinkPurpose;
  userId: string;
  /** The tandem (accept, decline, meeting) or the check-in (answer) the link acts on. */
  subjectId: string;
  expiresAt: Date;
};

/** Why a link is refused, before looking at the database. */
export type ActionLinkProblem = 'tampered' | 'expired';

const VERSION = 'v1';

/**
 * The signing key for links, derived from the app secret so that a link's signature can never
 * be replayed as a cookie or CSRF signature (which use the secret itself).
 */
function linkKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('tandem/action-links/v1').digest();
}

function sign(secret: string, body: string): string {
  return createHmac('sha256', linkKey(secret)).update(body).digest('base64url');
}

/** Signs a new single-purpose link; returns its token (URL-safe, no padding). */
export function signActionLink(
  secret: string,
  link: Omit<ActionLink, 'linkId'> & { linkId?: string },
): string {
  const payload = {
    i: link.linkId ?? randomBytes(12).toString('base64url'),
    p: link.purpose,
    u: link.userId,
    s: link.subjectId,
    x: Math.floor(link.expiresAt.getTime() / 1000),
  };
  const body = `${VERSION}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${body}.${sign(secret, body)}`;
}

/**
 * Checks a token's signature and expiry. A token that does not parse, or whose signature does
 * not match (one changed character anywhere), is `tampered`; a valid one past its expiry is
 * `expired`. Whether it was already used is the database's to say.
 */
export function verifyActionLink(
  secret: string,
  token: string,
  now: Date,
): { ok: true; link: ActionLink } | { ok: false; problem: ActionLinkProblem } {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION) return { ok: false, problem: 'tampered' };
  const body = `${parts[0]}.${parts[1]}`;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(parts[2]!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, problem: 'tampered' };
  }
  let payload: { i?: unknown; p?: unknown; u?: unknown; s?: unknown; x?: unknown };
  try {
    payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as typeof payload;
  } catch {
    return { ok: false, problem: 'tampered' };
  }
  const { i, p, u, s, x } = payload;
  if (
    typeof i !== 'string' ||
    typeof u !== 'string' ||
    typeof s !== 'string' ||
    typeof x !== 'number' ||
    !(ACTION_LINK_PURPOSES as readonly unknown[]).includes(p)
  ) {
    return { ok: false, problem: 'tampered' };
  }
  const expiresAt = new Date(x * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, problem: 'expired' };
  return {
    ok: true,
    link: { linkId: i, purpose: p as ActionLinkPurpose, userId: u, subjectId: s, expiresAt },
  };
}

/** The address of a link's page: a confirmation page (GET) whose button acts (POST). */
export function actionLinkUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/liens/${token}`;
}
