import {
  findTandemOverview,
  type TandemOverviewRow,
} from '../../db/repositories/alerts-repository.ts';
import { partnerScopeOf } from '../../domain/policies.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';

/**
 * The light view of tandems for follow-up: staff see every tandem, a referrer their own
 * partner's mentees' (filtered in the query) — status, last meeting date, open alerts, and
 * nothing private (no meeting content, no notes, no answers).
 */
export async function listTandemOverview(
  context: ServiceContext,
  options: { origin: RequestOrigin },
): Promise<TandemOverviewRow[]> {
  return findTandemOverview(context.db, partnerScopeOf(options.origin.actor));
}
