import {
  searchMentors as searchMentorRows,
  type MentorRecord,
  type MentorSearchFilters,
} from '../../db/repositories/mentors-repository.ts';
import { requireRole } from '../../domain/policies.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';

export type SearchMentorsOptions = {
  filters: MentorSearchFilters;
  page: number;
  pageSize: number;
  origin: RequestOrigin;
};

/**
 * Hub staff list and search mentors (status, kind, sector, commune, expertise, track,
 * programme, free capacity, words), one page at a time. Lists are not audited one by one;
 * opening a mentor's file is (see `getMentor`).
 */
export async function searchMentors(
  context: ServiceContext,
  options: SearchMentorsOptions,
): Promise<{ items: MentorRecord[]; total: number }> {
  requireRole(options.origin.actor, ['admin', 'coordinator']);
  const text = options.filters.text?.trim();
  return searchMentorRows(
    context.db,
    { ...options.filters, text: text || undefined },
    { page: options.page, pageSize: options.pageSize },
  );
}
