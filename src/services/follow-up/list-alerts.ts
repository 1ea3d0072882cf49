import {
  findUnresolvedAlerts,
  type AlertListing,
} from '../../db/repositories/alerts-repository.ts';
import type { AlertRow } from '../../db/repositories/tandems-repository.ts';
import { partnerScopeOf } from '../../domain/policies.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';

export type ListAlertsOptions = {
  kinds?: AlertRow['kind'][] | undefined;
  programId?: string | undefined;
  origin: RequestOrigin;
};

/**
 * The alert inbox: every unresolved alert for staff, only their own partner's mentees' for a
 * referrer (filtered in the query). What needs action comes first: open before acknowledged,
 * the longest waiting first.
 */
export async function listAlerts(
  context: ServiceContext,
  options: ListAlertsOptions,
): Promise<AlertListing[]> {
  const scope = partnerScopeOf(options.origin.actor);
  return findUnresolvedAlerts(context.db, {
    scope,
    ...(options.kinds ? { kinds: options.kinds } : {}),
    ...(options.programId ? { programId: options.programId } : {}),
  });
}
