import { and, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
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

/**
 * What an upsert did. `unchanged` rows were already there with the same values: they are not
 * rewritten, so re-importing the same file leaves the tables exactly as they were.
 */
export type UpsertCounts = { inserted: number; updated: number; unchanged: number };

/** The sum of several upserts' counts. */
export function addUpsertCounts(...counts: readonly UpsertCounts[]): UpsertCounts {
  return counts.reduce(
    (sum, next) => ({
      inserted: sum.inserted + next.inserted,
      updated: sum.updated + next.updated,
      unchanged: sum.unchanged + next.unchanged,
    }),
    { inserted: 0, updated: 0, unchanged: 0 },
  );
}

/**
 * `RETURNING` only reports rows that were inserted or really updated (the `setWhere` filter
 * skips identical ones); a fresh row has no deleting transaction yet, so `xmax = 0` tells an
 * insert from an update.
 */
const wasInserted = sql<boolean>`(xmax = 0)`;

function countUpserted(total: number, returned: readonly { inserted: boolean }[]): UpsertCounts {
  const inserted = returned.filter((row) => row.inserted).length;
  const updated = returned.length - inserted;
  return { inserted, updated, unchanged: total - returned.length };
}

/** `table.column IS DISTINCT FROM excluded.column` for each column: the row would change. */
function differsFromExcluded(table: PgTable, columnNames: readonly string[]): SQL {
  return sql.join(
    columnNames.map(
      (name) =>
        sql`${table}.${sql.identifier(name)} IS DISTINCT FROM excluded.${sql.identifier(name)}`,
    ),
    sql` OR `,
  );
}

/** Inserts ROME grands domaines, updating the labels of existing ones. */
export async function upsertRomeGrandsDomaines(
  db: Executor,
  rows: readonly RomeGrandDomaineRow[],
): Promise<UpsertCounts> {
  const returned: { inserted: boolean }[] = [];
  for (const batch of batchesOf(rows)) {
    returned.push(
      ...(await db
        .insert(romeGrandsDomaines)
        .values(batch)
        .onConflictDoUpdate({
          target: romeGrandsDomaines.code,
          set: { label: sql`excluded.label` },
          setWhere: differsFromExcluded(romeGrandsDomaines, ['label']),
        })
        .returning({ inserted: wasInserted })),
    );
  }
  return countUpserted(rows.length, returned);
}

/** Inserts ROME domaines professionnels, updating the label and grand domaine of existing ones. */
export async function upsertRomeDomaines(
  db: Executor,
  rows: readonly RomeDomaineRow[],
): Promise<UpsertCounts> {
  const returned: { inserted: boolean }[] = [];
  for (const batch of batchesOf(rows)) {
    returned.push(
      ...(await db
        .insert(romeDomaines)
        .values(batch)
        .onConflictDoUpdate({
          target: romeDomaines.code,
          set: {
            label: sql`excluded.label`,
            grandDomaineCode: sql`excluded.grand_domaine_code`,
          },
          setWhere: differsFromExcluded(romeDomaines, ['label', 'grand_domaine_code']),
        })
        .returning({ inserted: wasInserted })),
    );
  }
  return countUpserted(rows.length, returned);
}

/** Inserts ROME fiches métier, updating the existing ones. */
export async function upsertRomeOccupations(
  db: Executor,
  rows: readonly RomeOccupationRow[],
): Promise<UpsertCounts> {
  const returned: { inserted: boolean }[] = [];
  for (const batch of batchesOf(rows)) {
    returned.push(
      ...(await db
        .insert(romeOccupations)
        .values(batch)
        .onConflictDoUpdate({
          target: romeOccupations.code,
          set: {
            label: sql`excluded.label`,
            domaineCode: sql`excluded.domaine_code`,
            isManagerial: sql`excluded.is_managerial`,
            isRegulated: sql`excluded.is_regulated`,
          },
          setWhere: differsFromExcluded(romeOccupations, [
            'label',
            'domaine_code',
            'is_managerial',
            'is_regulated',
          ]),
        })
        .returning({ inserted: wasInserted })),
    );
  }
  return countUpserted(rows.length, returned);
}

/** Inserts ROME appellations, updating the existing ones. */
export async function upsertRomeAppellations(
  db: Executor,
  rows: readonly RomeAppellationRow[],
): Promise<UpsertCounts> {
  const returned: { inserted: boolean }[] = [];
  for (const batch of batchesOf(rows)) {
    returned.push(
      ...(await db
        .insert(romeAppellations)
        .values(batch)
        .onConflictDoUpdate({
          target: romeAppellations.codeOgr,
          set: {
            label: sql`excluded.label`,
            shortLabel: sql`excluded.short_label`,
            romeCode: sql`excluded.rome_code`,
            isMain: sql`excluded.is_main`,
            isRare: sql`excluded.is_rare`,
          },
          setWhere: differsFromExcluded(romeAppellations, [
            'label',
            'short_label',
            'rome_code',
            'is_main',
            'is_rare',
          ]),
        })
        .returning({ inserted: wasInserted })),
    );
  }
  return countUpserted(rows.length, returned);
}

/** The codes of the ROME grands domaines in the database. */
export async function listRomeGrandDomaineCodes(db: Executor): Promise<string[]> {
  const rows = await db.select({ code: romeGrandsDomaines.code }).from(romeGrandsDomaines);
  return rows.map((row) => row.code);
}

/** The codes of the ROME domaines professionnels in the database. */
export async function listRomeDomaineCodes(db: Executor): Promise<string[]> {
  const rows = await db.select({ code: romeDomaines.code }).from(romeDomaines);
  return rows.map((row) => row.code);
}

/** The codes of the ROME fiches métier in the database. */
export async function listRomeOccupationCodes(db: Executor): Promise<string[]> {
  const rows = await db.select({ code: romeOccupations.code }).from(romeOccupations);
  return rows.map((row) => row.code);
}

/** Inserts QPV, updating the names of existing ones. */
export async function upsertQpvs(db: Executor, rows: readonly QpvRow[]): Promise<UpsertCounts> {
  const returned: { inserted: boolean }[] = [];
  for (const batch of batchesOf(rows)) {
    returned.push(
      ...(await db
        .insert(qpvs)
        .values(batch)
        .onConflictDoUpdate({
          target: qpvs.code,
          set: { name: sql`excluded.name` },
          setWhere: differsFromExcluded(qpvs, ['name']),
        })
        .returning({ inserted: wasInserted })),
    );
  }
  return countUpserted(rows.length, returned);
}

/** The (QPV, commune) links of the given QPV. */
export async function listQpvCommunesOf(
  db: Executor,
  qpvCodes: readonly string[],
): Promise<QpvCommuneRow[]> {
  const rows: QpvCommuneRow[] = [];
  for (const batch of batchesOf(qpvCodes)) {
    rows.push(
      ...(await db
        .select({ qpvCode: qpvCommunes.qpvCode, communeCode: qpvCommunes.communeCode })
        .from(qpvCommunes)
        .where(inArray(qpvCommunes.qpvCode, batch))),
    );
  }
  return rows;
}

/** Adds (QPV, commune) links; returns how many were new. */
export async function insertQpvCommunes(
  db: Executor,
  rows: readonly QpvCommuneRow[],
): Promise<number> {
  let inserted = 0;
  for (const batch of batchesOf(rows)) {
    const returned = await db
      .insert(qpvCommunes)
      .values(batch)
      .onConflictDoNothing()
      .returning({ qpvCode: qpvCommunes.qpvCode });
    inserted += returned.length;
  }
  return inserted;
}

/** Removes (QPV, commune) links; returns how many existed. */
export async function deleteQpvCommunes(
  db: Executor,
  rows: readonly QpvCommuneRow[],
): Promise<number> {
  let deleted = 0;
  for (const row of rows) {
    const returned = await db
      .delete(qpvCommunes)
      .where(
        and(eq(qpvCommunes.qpvCode, row.qpvCode), eq(qpvCommunes.communeCode, row.communeCode)),
      )
      .returning({ qpvCode: qpvCommunes.qpvCode });
    deleted += returned.length;
  }
  return deleted;
}

/** Which of the given codes are communes or arrondissements in the database. */
export async function findCommuneCodes(
  db: Executor,
  codes: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (const batch of batchesOf(codes)) {
    const rows = await db
      .select({ code: communes.code })
      .from(communes)
      .where(inArray(communes.code, batch));
    for (const row of rows) found.add(row.code);
  }
  return found;
}

/** A commune's position, WGS 84 decimal degrees. */
export type CommuneCoordinatesRow = { code: string; latitude: number; longitude: number };

/**
 * Sets the coordinates of existing communes, leaving unknown codes aside. Returns the codes
 * whose coordinates actually changed.
 */
export async function updateCommuneCoordinates(
  db: Executor,
  rows: readonly CommuneCoordinatesRow[],
): Promise<string[]> {
  const changed: string[] = [];
  for (const batch of batchesOf(rows)) {
    // One statement per batch: a national file has ~35,000 communes.
    const values = sql.join(
      batch.map(
        (row) =>
          sql`(${row.code}::text, ${row.latitude}::double precision, ${row.longitude}::double precision)`,
      ),
      sql`, `,
    );
    const returned = await db
      .update(communes)
      .set({ latitude: sql`incoming.latitude`, longitude: sql`incoming.longitude` })
      .from(sql`(VALUES ${values}) AS incoming (code, latitude, longitude)`)
      .where(
        sql`${communes.code} = incoming.code AND (${communes.latitude} IS DISTINCT FROM incoming.latitude OR ${communes.longitude} IS DISTINCT FROM incoming.longitude)`,
      )
      .returning({ code: communes.code });
    changed.push(...returned.map((row) => row.code));
  }
  return changed;
}

/** Whether each reference code a profile points at exists (undefined: not asked). */
export async function findUnknownReferenceCodes(
  db: Executor,
  codes: { sectorCode?: string | undefined; communeCode?: string | undefined },
): Promise<{ sectorUnknown: boolean; communeUnknown: boolean }> {
  let sectorUnknown = false;
  let communeUnknown = false;
  if (codes.sectorCode !== undefined) {
    const [row] = await db
      .select({ code: nafCodes.code })
      .from(nafCodes)
      .where(eq(nafCodes.code, codes.sectorCode));
    sectorUnknown = !row;
  }
  if (codes.communeCode !== undefined) {
    const [row] = await db
      .select({ code: communes.code })
      .from(communes)
      .where(eq(communes.code, codes.communeCode));
    communeUnknown = !row;
  }
  return { sectorUnknown, communeUnknown };
}
