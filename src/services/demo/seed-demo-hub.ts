import type { Database } from '../../db/client.ts';
import { insertHubRows } from '../../db/repositories/demo-repository.ts';
import { findDefaultProgramId } from '../../db/repositories/hub-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { getHubStats, type HubStats } from '../stats/get-hub-stats.ts';
import { isHubEmpty } from '../stats/is-hub-empty.ts';
import { DEMO_SEED, generateDemoHub, startOfUtcDay, type DemoLogin } from './generate-demo-hub.ts';

/** Options of `seedDemoHub`. */
export type SeedDemoHubOptions = {
  /**
   * The demo's reference date ("today" in the data); truncated to midnight UTC. The same date
   * and seed always give the same content; another date gives the same hub shifted in time.
   */
  asOf: Date;
  seed?: number;
};

/** What was loaded, and who to sign in as. */
export type SeedDemoHubResult = {
  asOf: Date;
  stats: HubStats;
  logins: DemoLogin[];
  elapsedMs: number;
};

/**
 * Fills an empty, prepared database with the demo hub (see `generateDemoHub`), in one
 * transaction. Refuses with `database_not_empty` when any mentor, mentee, referrer or
 * partner exists: the demo never mixes with real people's data.
 */
export async function seedDemoHub(
  db: Database,
  options: SeedDemoHubOptions,
): Promise<SeedDemoHubResult> {
  const started = performance.now();
  const asOf = startOfUtcDay(options.asOf);
  const logins = await db.transaction(async (tx) => {
    // Checked inside the transaction, so a failure leaves nothing half-loaded behind.
    if (!(await isHubEmpty(tx))) throw new AppError('database_not_empty');
    const defaultProgramId = await findDefaultProgramId(tx);
    if (!defaultProgramId) throw new Error('the database is not prepared: no general programme');
    const hub = generateDemoHub({ asOf, defaultProgramId, seed: options.seed ?? DEMO_SEED });
    await insertHubRows(tx, hub.rows);
    return hub.logins;
  });
  const stats = await getHubStats(db);
  return { asOf, stats, logins, elapsedMs: performance.now() - started };
}
