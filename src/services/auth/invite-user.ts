import { insertInvitation } from '../../db/repositories/invitations-repository.ts';
import {
  findUserByEmail,
  insertUser,
  type UserRow,
} from '../../db/repositories/users-repository.ts';
import { canInvite, INVITATION_TTL_MINUTES } from '../../domain/auth.ts';
import { AppError } from '../../domain/errors.ts';
import type { Role } from '../../domain/people.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { emailSignInLink } from './email-sign-in-link.ts';

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
    await emailSignInLink(tx, { publicUrl: context.publicUrl, now }, user, {
      purpose: 'invitation',
      template: 'invitation',
      validMinutes: INVITATION_TTL_MINUTES,
      params: { role: user.role },
      createdBy: actor.userId,
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
