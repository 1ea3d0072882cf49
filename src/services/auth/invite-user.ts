import { insertSignInToken } from '../../db/repositories/auth-repository.ts';
import { insertInvitation } from '../../db/repositories/invitations-repository.ts';
import { enqueueJob } from '../../db/repositories/jobs-repository.ts';
import {
  findUserByEmail,
  insertUser,
  type UserRow,
} from '../../db/repositories/users-repository.ts';
import { canInvite, INVITATION_TTL_MINUTES } from '../../domain/auth.ts';
import { addMinutes } from '../../domain/clock.ts';
import { AppError } from '../../domain/errors.ts';
import type { Role } from '../../domain/people.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { signInLinkUrl } from './request-sign-in-link.ts';
import { createSecretToken } from './secret-tokens.ts';

export type InviteUserOptions = {
  email: string;
  role: Role;
  firstName: string;
  lastName: string;
  /** Required when inviting a referrer: the partner they work for. */
  partnerId?: string | undefined;
  origin: RequestOrigin;
};

/**
 * Invites a person: an admin invites admins and coordinators, a coordinator invites partner
 * referrers. Creates the account (status `invited`) and e-mails a week-long single-use link
 * that signs them in and activates the account.
 */
export async function inviteUser(
  context: ServiceContext,
  options: InviteUserOptions,
): Promise<UserRow> {
  const { actor } = options.origin;
  if (actor.kind !== 'user') throw new AppError('unauthenticated');
  if (!canInvite(actor, options.role)) throw new AppError('forbidden');
  if ((options.role === 'referrer') !== Boolean(options.partnerId)) {
    throw new AppError(
      'validation_failed',
      'Un·e référent·e doit être rattaché·e à une structure partenaire.',
      {
        fields: [{ field: 'body/partnerId', message: 'required for referrers only' }],
      },
    );
  }
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    if (await findUserByEmail(tx, options.email)) throw new AppError('email_taken');
    const user = await insertUser(tx, {
      email: options.email.trim(),
      role: options.role,
      partnerId: options.role === 'referrer' ? (options.partnerId ?? null) : null,
      firstName: options.firstName.trim(),
      lastName: options.lastName.trim(),
      status: 'invited',
    });
    await insertInvitation(tx, {
      userId: user.id,
      role: options.role,
      partnerId: user.partnerId,
      invitedBy: actor.userId,
      createdAt: now,
    });
    const { token, hash } = createSecretToken();
    await insertSignInToken(tx, {
      tokenHash: hash,
      userId: user.id,
      purpose: 'invitation',
      createdAt: now,
      expiresAt: addMinutes(now, INVITATION_TTL_MINUTES),
      createdBy: actor.userId,
    });
    await enqueueJob(tx, {
      name: 'send_email',
      payload: {
        template: 'invitation',
        to: user.email,
        locale: user.locale,
        params: {
          firstName: user.firstName,
          role: user.role,
          link: signInLinkUrl(context.publicUrl, token),
        },
      },
    });
    await recordAudit(tx, options.origin, now, {
      action: 'user.invite',
      subjectType: 'user',
      subjectId: user.id,
      details: { role: user.role, partnerId: user.partnerId },
    });
    return user;
  });
}
