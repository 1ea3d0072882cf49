import { count, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../client.ts';
import {
  communes,
  epcis,
  nafCodes,
  qpvCommunes,
  qpvs,
  romeAppellations,
  romeDomaines,
  romeGrandsDomaines,
  romeOccupations,
} from '../schema/index.ts';

export type CommuneRow = typeof communes.$inferInsert;
export type EpciRow = typeof epcis.$inferInsert;
export type NafRow = typeof nafCodes.$inferInsert;
export type RomeGrandDomaineRow = typeof romeGrandsDomaines.$inferInsert;
export type RomeDomaineRow = typeof romeDomaines.$inferInsert;
export type RomeOccupationRow = typeof romeOccupations.$inferInsert;
export type RomeAppellationRow = typeof romeAppellations.$inferInsert;
export type QpvRow = typeof qpvs.$inferInsert;
export type QpvCommuneRow = typeof qpvCommunes.$inferInsert;

/** Rows per INSERT: keeps every statement well under PostgreSQL's 65,535 parameters. */
const BATCH_SIZE = 1000;

/** Splits rows into INSERT-sized batches. */
function* batchesOf<T>(rows: readonly T[]): Generator<T[]> {
  for (let start = 0; start < rows.length; start += BATCH_SIZE) {
    yield rows.slice(start, start + BATCH_SIZE);
  }
}

async function insertMissing<T extends PgTable>(
  db: Executor,
  table: T,
  rows: readonly T['$inferInsert'][],
): Promise<void> {
  for (const batch of batchesOf(rows)) {
    await db.insert(table).values(batch).onConflictDoNothing();
  }
}

/** Counts the rows of the reference tables, keyed by table name. */
export async function countReferenceRows(
  db: Executor,
): Promise<Record<keyof typeof REFERENCE_TABLES, number>> {
  const result = {} as Record<keyof typeof REFERENCE_TABLES, number>;
  for (const [name, table] of Object.entries(REFERENCE_TABLES)) {
    const where =
      name === 'communes_with_coordinates' ? sql`${communes.latitude} IS NOT NULL` : undefined;
    const [row] = await db.select({ value: count() }).from(table).where(where);
    result[name as keyof typeof REFERENCE_TABLES] = row?.value ?? 0;
  }
  return result;
}

const REFERENCE_TABLES = {
  rome_grands_domaines: romeGrandsDomaines,
  rome_domaines: romeDomaines,
  rome_occupations: romeOccupations,
  rome_appellations: romeAppellations,
  naf_codes: nafCodes,
  epcis,
  communes,
  communes_with_coordinates: communes,
  qpvs,
  qpv_communes: qpvCommunes,
} as const;

/** Inserts NAF codes that are not there yet. */
export async function insertNafCodes(db: Executor, rows: readonly NafRow[]): Promise<void> {
  await insertMissing(db, nafCodes, rows);
}

/** Inserts EPCI that are not there yet. */
export async function insertEpcis(db: Executor, rows: readonly EpciRow[]): Promise<void> {
  await insertMissing(db, epcis, rows);
}

/** Inserts communes and arrondissements that are not there yet. */
export async function insertCommunes(db: Executor, rows: readonly CommuneRow[]): Promise<void> {
  await insertMissing(db, communes, rows);
}

/** Inserts ROME grands domaines, updating the labels of existing ones. */
export async function upsertRomeGrandsDomaines(
  db: Executor,
  rows: readonly RomeGrandDomaineRow[],
): Promise<void> {
  for (const batch of batchesOf(rows)) {
    await db
      .insert(romeGrandsDomaines)
      .values(batch)
      .onConflictDoUpdate({ target: romeGrandsDomaines.code, set: { label: sql`excluded.label` } });
  }
}
