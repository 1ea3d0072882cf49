import { listPartnersInScope, type PartnerRow } from '../../db/repositories/partners-repository.ts';
import type { PartnerKind } from '../../domain/people.ts';
import { partnerScopeOf } from '../../domain/policies.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';

export type ListPartnersOptions = {
  page: number;
  pageSize: number;
  /** Part of the name, any case. */
  search?: string | undefined;
  isActive?: boolean | undefined;
  kind?: PartnerKind | undefined;
  origin: RequestOrigin;
};

/** A page of partners. */
export type PartnerPage = { items: PartnerRow[]; total: number; page: number; pageSize: number };

/**
 * Lists partners by name, with search and filters. Staff see them all; a referrer's list
 * only ever holds their own partner (the filter is in the query).
 */
export async function listPartners(
  context: ServiceContext,
  options: ListPartnersOptions,
): Promise<PartnerPage> {
  const scope = partnerScopeOf(options.origin.actor);
  const { items, total } = await listPartnersInScope(context.db, {
    scope,
    search: options.search,
    isActive: options.isActive,
    kind: options.kind,
    limit: options.pageSize,
    offset: (options.page - 1) * options.pageSize,
  });
  return { items, total, page: options.page, pageSize: options.pageSize };
}
