import {
  searchMentees as searchMenteesInDatabase,
  type MenteeFile,
} from '../../db/repositories/mentees-repository.ts';
import { partnerScopeOf } from '../../domain/policies.ts';
import type { MenteeStatus, Track } from '../../domain/people.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';

export type SearchMenteesOptions = {
  filters: {
    track?: Track | undefined;
    status?: MenteeStatus | undefined;
    partnerId?: string | undefined;
    programId?: string | undefined;
    communeCode?: string | undefined;
    sector?: string | undefined;
    /** Waiting for at least this many days. */
    waitingDays?: number | undefined;
    query?: string | undefined;
  };
  page: number;
  pageSize: number;
  origin: RequestOrigin;
};

/**
 * Staff search the whole hub; a referrer searches their partner's caseload only — the
 * scope is part of the query, so no filter can reach another partner's people.
 */
export async function searchMentees(
  context: ServiceContext,
  options: SearchMenteesOptions,
): Promise<{ items: MenteeFile[]; total: number }> {
  const scope = partnerScopeOf(options.origin.actor);
  const { waitingDays, ...filters } = options.filters;
  const now = context.clock.now();
  return searchMenteesInDatabase(context.db, {
    ...filters,
    scope,
    waitingSinceBefore:
      waitingDays === undefined ? undefined : new Date(now.getTime() - waitingDays * 86_400_000),
    limit: options.pageSize,
    offset: (options.page - 1) * options.pageSize,
  });
}
