import type { DatabaseHandle } from '../../db/client.ts';
import {
  findDefaultProgramId,
  insertDefaultProgram,
  insertHubSettingsIfMissing,
} from '../../db/repositories/hub-repository.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import {
  loadBuiltInReferenceData,
  type BuiltInReferenceSummary,
} from '../reference/load-built-in-reference-data.ts';

export const DEFAULT_HUB_NAME = 'Tandem – Le Hub du Mentorat';
export const DEFAULT_PROGRAM_NAME = 'Parcours général';

/**
 * Brings a database to the current schema with everything the product needs to run:
 * migrations, built-in reference data, the hub's settings and its general programme.
 * Safe to run at every start-up and from several processes.
 */
export async function prepareDatabase(handle: DatabaseHandle): Promise<BuiltInReferenceSummary> {
  await migrateDatabase(handle);
  return handle.db.transaction(async (tx) => {
    const summary = await loadBuiltInReferenceData(tx);
    await insertHubSettingsIfMissing(tx, { name: DEFAULT_HUB_NAME });
    if (!(await findDefaultProgramId(tx))) await insertDefaultProgram(tx, DEFAULT_PROGRAM_NAME);
    return summary;
  });
}
