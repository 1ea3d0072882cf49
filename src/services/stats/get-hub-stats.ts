import type { Executor } from '../../db/client.ts';
import {
  countPeopleAndTandems,
  countTandemsByStatus,
} from '../../db/repositories/stats-repository.ts';
import { TANDEM_STATUSES, type TandemStatus } from '../../domain/tandems.ts';

/**
 * The hub's head counts: every mentor and mentee profile whatever its status, every partner,
 * every tandem row (proposals that never started included), and tandems per status with all
 * seven statuses present, zero or not, in lifecycle order.
 */
export type HubStats = {
  mentors: number;
  mentees: number;
  partners: number;
  tandems: number;
  tandemsByState: Record<TandemStatus, number>;
};

/** Reads the hub's head counts (for `tandem stats`, and for the HTTP API). */
export async function getHubStats(db: Executor): Promise<HubStats> {
  const counts = await countPeopleAndTandems(db);
  const byStatus = await countTandemsByStatus(db);
  const tandemsByState = Object.fromEntries(
    TANDEM_STATUSES.map((status) => [status, byStatus[status] ?? 0]),
  ) as Record<TandemStatus, number>;
  return { ...counts, tandemsByState };
}
