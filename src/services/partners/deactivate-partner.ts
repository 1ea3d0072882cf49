import {
  findPartnerForUpdate,
  setPartnerActive,
  type PartnerRow,
} from '../../db/repositories/partners-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { requireRole } from '../../domain/policies.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { PARTNER_MANAGERS } from './partner-write-errors.ts';

export type DeactivatePartnerOptions = { partnerId: string; origin: RequestOrigin };

/**
 * Deactivates a partner (staff only). Its referrers, the people it referred and their whole
 * history stay as they are — tandems run on, figures stay true; the partner only stops making
 * new referrals (the referral service refuses them while `isActive` is false). Deactivating an
 * inactive partner changes nothing.
 */
export async function deactivatePartner(
  context: ServiceContext,
  options: DeactivatePartnerOptions,
): Promise<PartnerRow> {
  requireRole(options.origin.actor, PARTNER_MANAGERS);
  return setPartnerActivity(context, options, false);
}

/** Shared by deactivation and reactivation: one locked read, one write, one audit entry. */
export async function setPartnerActivity(
  context: ServiceContext,
  options: { partnerId: string; origin: RequestOrigin },
  isActive: boolean,
): Promise<PartnerRow> {
  requireRole(options.origin.actor, PARTNER_MANAGERS);
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    const partner = await findPartnerForUpdate(tx, options.partnerId);
    if (!partner) throw new AppError('not_found');
    if (partner.isActive === isActive) return partner;
    const updated = await setPartnerActive(tx, partner.id, isActive, now);
    if (!updated) throw new AppError('not_found');
    await recordAudit(tx, options.origin, now, {
      action: isActive ? 'partner.reactivate' : 'partner.deactivate',
      subjectType: 'partner',
      subjectId: partner.id,
    });
    return updated;
  });
}
