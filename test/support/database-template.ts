import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Names of the per-run template and per-file clones on the test PostgreSQL server. */
export const POSTGRES_TEMPLATE_NAME = 'tandem_test_template';

/** A fresh, unique database name for one test file. */
export function uniqueDatabaseName(): string {
  return `tandem_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** The URL of `databaseName` on the same server as `url`. */
export function withDatabase(url: string, databaseName: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${databaseName}`;
  return parsed.toString();
}

/** Runs administrative statements (CREATE/DROP DATABASE) on the server's maintenance connection. */
export async function runAdmin(url: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}
