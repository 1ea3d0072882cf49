import type { Executor } from '../../db/client.ts';
import { hasAnyMentorMenteeOrPartner } from '../../db/repositories/stats-repository.ts';

/**
 * Whether the hub has no people data yet: no mentor, mentee, referrer or partner. Reference
 * data, the hub's settings, its general programme and staff accounts do not count, so a
 * freshly prepared database is empty. `npm start` uses it to suggest `tandem demo`.
 */
export async function isHubEmpty(db: Executor): Promise<boolean> {
  return !(await hasAnyMentorMenteeOrPartner(db));
}
