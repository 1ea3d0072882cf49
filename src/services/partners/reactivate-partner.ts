import type { PartnerRow } from '../../db/repositories/partners-repository.ts';
import { requireRole } from '../../domain/policies.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { setPartnerActivity } from './deactivate-partner.ts';
import { PARTNER_MANAGERS } from './partner-write-errors.ts';

export type ReactivatePartnerOptions = { partnerId: string; origin: RequestOrigin };

/** Reactivates a partner (staff only): it may refer people again. Idempotent. */
export async function reactivatePartner(
  context: ServiceContext,
  options: ReactivatePartnerOptions,
): Promise<PartnerRow> {
  requireRole(options.origin.actor, PARTNER_MANAGERS);
  return setPartnerActivity(context, options, true);
}
