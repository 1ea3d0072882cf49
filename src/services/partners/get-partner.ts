import { findPartnerInScope, type PartnerRow } from '../../db/repositories/partners-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { partnerScopeOf } from '../../domain/policies.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';

export type GetPartnerOptions = { partnerId: string; origin: RequestOrigin };

/**
 * One partner: staff see any; a referrer sees only their own, and gets `not_found` for any
 * other — the same answer as for an id that does not exist, so nothing leaks.
 */
export async function getPartner(
  context: ServiceContext,
  options: GetPartnerOptions,
): Promise<PartnerRow> {
  const scope = partnerScopeOf(options.origin.actor);
  const partner = await findPartnerInScope(context.db, options.partnerId, scope);
  if (!partner) throw new AppError('not_found');
  return partner;
}
