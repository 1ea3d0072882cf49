import { findPartnerInScope } from '../../db/repositories/partners-repository.ts';
import { findMenteeFile, updateMenteeProfile } from '../../db/repositories/mentees-repository.ts';
import { findUserById } from '../../db/repositories/users-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { requireRole } from '../../domain/policies.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';

export type AttachMenteeToPartnerOptions = {
  menteeId: string;
  partnerId: string;
  /** The referrer who will follow the person; must work for that partner. */
  referrerId?: string | undefined;
  origin: RequestOrigin;
};

/**
 * A coordinator attaches a self-registered person (or moves a mentee) to a partner, who then
 * follows them; a person still `referred` enters the waiting pool.
 */
export async function attachMenteeToPartner(
  context: ServiceContext,
  options: AttachMenteeToPartnerOptions,
): Promise<void> {
  requireRole(options.origin.actor, ['admin', 'coordinator']);
  const now = context.clock.now();
  await context.db.transaction(async (tx) => {
    const file = await findMenteeFile(tx, options.menteeId);
    if (!file || file.user.erasedAt) throw new AppError('not_found');
    const partner = await findPartnerInScope(tx, options.partnerId, { kind: 'all' });
    if (!partner) throw new AppError('partner_unknown');
    if (!partner.isActive) throw new AppError('partner_inactive');
    if (options.referrerId) {
      const referrer = await findUserById(tx, options.referrerId);
      if (referrer?.role !== 'referrer' || referrer.partnerId !== partner.id) {
        throw new AppError('referrer_unknown');
      }
    }
    const entersPool = file.profile.status === 'referred';
    await updateMenteeProfile(tx, options.menteeId, {
      partnerId: partner.id,
      referrerId: options.referrerId ?? null,
      ...(entersPool ? { status: 'waiting', waitingSince: now } : {}),
    });
    await recordAudit(tx, options.origin, now, {
      action: 'mentee.attach_to_partner',
      subjectType: 'user',
      subjectId: options.menteeId,
      details: { partnerId: partner.id, previousPartnerId: file.profile.partnerId },
    });
  });
}
