import fs from 'node:fs';
import { inject } from 'vitest';
import { openPglite, openPostgres, type DatabaseHandle } from '../../src/db/client.ts';
import {
  POSTGRES_TEMPLATE_NAME,
  runAdmin,
  uniqueDatabaseName,
  withDatabase,
} from './database-template.ts';

/**
 * A database of its own for one test file, cloned from the migrated template of the engine
 * the current project runs on (see global-setup.ts). `close()` also drops a PostgreSQL clone.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  if (inject('databaseEngine') === 'pglite') {
    const dump = fs.readFileSync(inject('pgliteTemplatePath'));
    return openPglite({ loadDataDir: new Blob([dump]) });
  }
  const serverUrl = inject('postgresUrl');
  const name = uniqueDatabaseName();
  await runAdmin(serverUrl, [`CREATE DATABASE ${name} TEMPLATE ${POSTGRES_TEMPLATE_NAME}`]);
  const handle = await openPostgres({ url: withDatabase(serverUrl, name), poolSize: 4 });
  return {
    ...handle,
    async close() {
      await handle.close();
      await runAdmin(serverUrl, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
    },
  };
}
