import { listProgramsInScope, type ProgramRow } from '../../db/repositories/programs-repository.ts';
import { partnerScopeOf } from '../../domain/policies.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';

export type ListProgramsOptions = {
  page: number;
  pageSize: number;
  search?: string | undefined;
  isActive?: boolean | undefined;
  partnerId?: string | undefined;
  origin: RequestOrigin;
};

/** A page of programmes. */
export type ProgramPage = { items: ProgramRow[]; total: number; page: number; pageSize: number };

/**
 * Lists programmes, the general one first. Staff see every programme; a referrer sees only
 * the active ones they may enrol people in (open to all partners, or reserved for theirs).
 */
export async function listPrograms(
  context: ServiceContext,
  options: ListProgramsOptions,
): Promise<ProgramPage> {
  const scope = partnerScopeOf(options.origin.actor);
  const { items, total } = await listProgramsInScope(context.db, {
    scope,
    search: options.search,
    isActive: options.isActive,
    partnerId: options.partnerId,
    limit: options.pageSize,
    offset: (options.page - 1) * options.pageSize,
  });
  return { items, total, page: options.page, pageSize: options.pageSize };
}
