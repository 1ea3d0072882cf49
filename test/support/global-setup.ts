import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../../src/db/client.ts';
import { prepareDatabase } from '../../src/services/setup/prepare-database.ts';
import { POSTGRES_TEMPLATE_NAME, runAdmin, withDatabase } from './database-template.ts';

/**
 * Migrates one template database per engine and run, which every database test file then
 * clones: a PGlite data-directory dump loaded into memory, or a PostgreSQL
 * `CREATE DATABASE … TEMPLATE`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const engine = project.config.env.TEST_DATABASE_ENGINE === 'postgres' ? 'postgres' : 'pglite';
  const started = Date.now();
  if (engine === 'pglite') {
    const handle = await openPglite({});
    await prepareDatabase(handle);
    const dump = await handle.dumpDataDir!();
    await handle.close();
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-test-'));
    const templatePath = path.join(folder, 'template.tar');
    fs.writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
    project.provide('databaseEngine', 'pglite');
    project.provide('pgliteTemplatePath', templatePath);
    project.provide('postgresUrl', '');
    console.log(`[db-pglite] template database ready in ${Date.now() - started} ms (PGlite)`);
    return () => {
      fs.rmSync(folder, { recursive: true, force: true });
      return Promise.resolve();
    };
  }

  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is required for the postgres test project');
  await runAdmin(url, [
    `DROP DATABASE IF EXISTS ${POSTGRES_TEMPLATE_NAME} WITH (FORCE)`,
    `CREATE DATABASE ${POSTGRES_TEMPLATE_NAME}`,
  ]);
  const handle = await openPostgres({
    url: withDatabase(url, POSTGRES_TEMPLATE_NAME),
    poolSize: 1,
  });
  await prepareDatabase(handle);
  await handle.close();
  project.provide('databaseEngine', 'postgres');
  project.provide('pgliteTemplatePath', '');
  project.provide('postgresUrl', url);
  console.log(
    `[db-postgres] template database ready in ${Date.now() - started} ms (PostgreSQL at ${new URL(url).host})`,
  );
  return async () => {
    await runAdmin(url, [`DROP DATABASE IF EXISTS ${POSTGRES_TEMPLATE_NAME} WITH (FORCE)`]);
  };
}
