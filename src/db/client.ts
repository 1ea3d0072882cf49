import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import type { DatabaseConfig } from '../config/config.ts';
import { DataDirInUseError, lockDataDir } from './data-dir-lock.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The Drizzle database, the same type on both engines. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction; repositories accept either this or a `Database`. */
export type Transaction = PgTransaction<
  PgQueryResultHKT,
  Schema,
  ExtractTablesWithRelations<Schema>
>;
export type Executor = Database | Transaction;

export type DatabaseEngine = 'pglite' | 'postgres';

/** An open database and how to release it. */
export type DatabaseHandle = {
  db: Database;
  engine: DatabaseEngine;
  /** Runs on the migration connection; see `migrateDatabase`. */
  withExclusiveConnection<T>(work: (db: Database) => Promise<T>): Promise<T>;
  /** PGlite only: the whole data directory as a tarball (backups, test templates). */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
};

/** Opening the database failed for a reason the operator can fix. */
export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}

const drizzleOptions = { schema, casing: 'snake_case' } as const;

/** Opens PGlite in a folder, or an in-memory PGlite loaded from a dump when `dataDir` is omitted. */
export async function openPglite(options: {
  dataDir?: string;
  loadDataDir?: Blob;
}): Promise<DatabaseHandle> {
  if (options.dataDir) ensureWritableFolder(options.dataDir);
  const unlock = options.dataDir ? lockDataDirOrExplain(options.dataDir) : () => undefined;
  let client: PGlite;
  try {
    client = await PGlite.create({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
  } catch (error) {
    unlock();
    throw new DatabaseOpenError(
      `cannot open the embedded database in ${options.dataDir ?? 'memory'}: ${messageOf(error)}`,
    );
  }
  const db = drizzlePglite({ client, ...drizzleOptions }) as unknown as Database;
  return {
    db,
    engine: 'pglite',
    // PGlite has a single connection: every call is already exclusive.
    withExclusiveConnection: (work) => work(db),
    dumpDataDir: async () => await client.dumpDataDir('none'),
    close: async () => {
      try {
        await client.close();
      } finally {
        unlock();
      }
    },
  };
}

/** Opens a PostgreSQL pool and checks that it can reach the server. */
export async function openPostgres(options: {
  url: string;
  poolSize?: number;
}): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
  // An idle client losing its connection must not crash the process; the next query fails.
  pool.on('error', () => undefined);
  try {
    const probe = await pool.connect();
    probe.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseOpenError(explainPostgresError(options.url, error));
  }
  const db = drizzleNodePostgres({ client: pool, ...drizzleOptions }) as unknown as Database;
  return {
    db,
    engine: 'postgres',
    async withExclusiveConnection(work) {
      const client = await pool.connect();
      try {
        return await work(drizzleNodePostgres({ client, ...drizzleOptions }));
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Opens the database the configuration names. */
export function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  return config.engine === 'pglite'
    ? openPglite({ dataDir: config.dataDir })
    : openPostgres({ url: config.url, poolSize: config.poolSize });
}

/** Throws unless the database answers a trivial query. */
export async function pingDatabase(db: Executor): Promise<void> {
  await db.execute(sql`select 1`);
}

function lockDataDirOrExplain(dataDir: string): () => void {
  try {
    return lockDataDir(dataDir);
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
    throw new DatabaseOpenError(
      `${error.message}: PGlite lets only one process open its folder — stop that process first, or use PostgreSQL (DATABASE_URL) to run several`,
    );
  }
}

function ensureWritableFolder(dataDir: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.accessSync(dataDir, fs.constants.W_OK);
    const probe = `${dataDir}/.tandem-write-check`;
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new DatabaseOpenError(
      `the data folder ${dataDir} is not writable (${code}); set TANDEM_DATA_DIR to a writable folder`,
    );
  }
}

function explainPostgresError(url: string, error: unknown): string {
  let where = 'PostgreSQL';
  try {
    const parsed = new URL(url);
    where = `PostgreSQL at ${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    // An unparseable URL still gets the generic message below.
  }
  const code = (error as { code?: string }).code;
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'connection refused: is the server running?',
    ENOTFOUND: 'unknown host',
    EAI_AGAIN: 'host name lookup failed',
    ETIMEDOUT: 'connection timed out',
    '28P01': 'password authentication failed',
    '28000': 'the role is not allowed to connect',
    '3D000': 'the database does not exist',
  };
  const reason = (code && reasons[code]) ?? messageOf(error);
  return `cannot connect to ${where} (${reason}); check DATABASE_URL`;
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return messageOf(error.errors[0]);
  return error instanceof Error ? error.message.split('\n')[0] || error.name : String(error);
}
