import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a one-click link may do; a link does exactly one of these, for one person. */
export const ACTION_LINK_PURPOSES = [
  'proposal_accept',
  'proposal_decline',
  'meeting_log',
  'check_in_answer',
  // Appended: a purpose is stored as its index in signed tokens.
  'check_in_survey',
] as const;
export type ActionLinkPurpose = (typeof ACTION_LINK_PURPOSES)[number];

/** The signed content of a link: who, what, on which tandem or check-in, until when. */
export type ActionLink = {
  /** Random id, recorded when the link is used: a link works once. */
  linkId: string;
  purpose: ActionLinkPurpose;
  userId: string;
  /** The tandem (accept, decline, meeting) or the check-in (answer, survey) the link acts on. */
  subjectId: string;
  expiresAt: Date;
};

/** Why a link is refused, before looking at the database. */
export type ActionLinkProblem = 'tampered' | 'expired';

/**
 * A token is 47 bytes in base64url — version, purpose, expiry (seconds, uint32), the person's
 * and the subject's UUIDs, 9 random bytes of link id — then a dot and the first 16 bytes of
 * an HMAC-SHA256 over them: 86 characters, short enough for a path segment and an e-mail.
 */
const VERSION = 1;
const BODY_BYTES = 47;
const MAC_BYTES = 16;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The signing key for links, derived from the app secret so that a link's signature can never
 * be replayed as a cookie or CSRF signature (which use the secret itself).
 */
function linkKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('tandem/action-links/v1').digest();
}

function mac(secret: string, body: Buffer): string {
  return createHmac('sha256', linkKey(secret))
    .update(body)
    .digest()
    .subarray(0, MAC_BYTES)
    .toString('base64url');
}

const uuidBytes = (uuid: string) => Buffer.from(uuid.replace(/-/g, ''), 'hex');
const uuidOf = (bytes: Buffer) => {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** Signs a new single-purpose link; returns its token (URL-safe, no padding). */
export function signActionLink(
  secret: string,
  link: Omit<ActionLink, 'linkId'> & { linkId?: string },
): string {
  if (!UUID.test(link.userId) || !UUID.test(link.subjectId)) {
    throw new RangeError('action links are for UUID people and subjects');
  }
  const body = Buffer.alloc(BODY_BYTES);
  body.writeUInt8(VERSION, 0);
  body.writeUInt8(ACTION_LINK_PURPOSES.indexOf(link.purpose), 1);
  body.writeUInt32BE(Math.floor(link.expiresAt.getTime() / 1000), 2);
  uuidBytes(link.userId).copy(body, 6);
  uuidBytes(link.subjectId).copy(body, 22);
  const linkId = link.linkId ? Buffer.from(link.linkId, 'base64url') : randomBytes(9);
  linkId.copy(body, 38, 0, 9);
  return `${body.toString('base64url')}.${mac(secret, body)}`;
}

/**
 * Checks a token's signature and expiry. A token that does not parse, is not in its one
 * canonical spelling, or whose signature does not match (one changed character anywhere) is
 * `tampered`; a valid one past its expiry is `expired`. Whether it was already used is the
 * database's to say.
 */
export function verifyActionLink(
  secret: string,
  token: string,
  now: Date,
): { ok: true; link: ActionLink } | { ok: false; problem: ActionLinkProblem } {
  const parts = token.split('.');
  if (parts.length !== 2) return { ok: false, problem: 'tampered' };
  const body = Buffer.from(parts[0]!, 'base64url');
  if (body.length !== BODY_BYTES || body.toString('base64url') !== parts[0]) {
    return { ok: false, problem: 'tampered' };
  }
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(parts[1]!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, problem: 'tampered' };
  }
  const purpose = ACTION_LINK_PURPOSES[body.readUInt8(1)];
  if (body.readUInt8(0) !== VERSION || !purpose) return { ok: false, problem: 'tampered' };
  const expiresAt = new Date(body.readUInt32BE(2) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, problem: 'expired' };
  return {
    ok: true,
    link: {
      linkId: body.subarray(38).toString('base64url'),
      purpose,
      userId: uuidOf(body.subarray(6, 22)),
      subjectId: uuidOf(body.subarray(22, 38)),
      expiresAt,
    },
  };
}

/** The address of a link's page: a confirmation page (GET) whose button acts (POST). */
export function actionLinkUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/liens/${token}`;
}
