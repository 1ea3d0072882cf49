import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import { countReferenceRows } from '../../db/repositories/reference-repository.ts';
import { romeAppellations, romeOccupations } from '../../db/schema/index.ts';
import { isAppError } from '../../domain/errors.ts';
import { importRomeReferential } from './import-rome-referential.ts';

const romeFolder = fileURLToPath(new URL('../../../../shared/data/fr/rome/', import.meta.url));
const FICHES = path.join(romeFolder, 'unix_referentiel_code_rome_v460_utf8.csv');
const APPELLATIONS = path.join(romeFolder, 'unix_referentiel_appellation_v460_utf8.csv');
const DOMAINES = path.join(romeFolder, 'cr_gd_dp_v4_utf8.csv');

let handle: DatabaseHandle;
let scratch: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-rome-'));
});
afterAll(async () => {
  fs.rmSync(scratch, { recursive: true, force: true });
  await handle.close();
});

/** A small file derived from a real one: its header and the given lines. */
function fixture(name: string, source: string, lines: string[]): string {
  const header = fs.readFileSync(source, 'utf8').split('\n')[0]!;
  const file = path.join(scratch, name);
  fs.writeFileSync(file, [header, ...lines, ''].join('\n'));
  return file;
}

async function failureOf(run: Promise<unknown>): Promise<Error> {
  const error = await run.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(isAppError(error, 'reference_file_invalid'), String(error)).toBe(true);
  return error as Error;
}

async function romeCounts() {
  const counts = await countReferenceRows(handle.db);
  return [
    counts.rome_grands_domaines,
    counts.rome_domaines,
    counts.rome_occupations,
    counts.rome_appellations,
  ];
}

describe('importRomeReferential', () => {
  it('refuses fiches whose domaine is neither in the files nor in the database', async () => {
    const error = await failureOf(importRomeReferential(handle.db, { paths: [FICHES] }));
    expect(error.message).toBe(
      'unix_referentiel_code_rome_v460_utf8.csv, line 2, field code_rome: fiche A1101 belongs ' +
        'to domaine professionnel A11, which is not in the database: import the grands ' +
        'domaines and domaines professionnels (cr_gd_dp_*.csv) with it',
    );
    expect(await romeCounts()).toEqual([14, 0, 0, 0]);
  });

  it('writes nothing when one file of the set is malformed', async () => {
    const goodLine = fs.readFileSync(APPELLATIONS, 'utf8').split('\n')[1]!;
    const bad = fixture('bad-appellations.csv', APPELLATIONS, [
      goodLine,
      goodLine.replace('"10200"', '"10200b"'),
    ]);
    const error = await failureOf(
      importRomeReferential(handle.db, { paths: [DOMAINES, FICHES, bad] }),
    );
    expect(error.message).toBe(
      'bad-appellations.csv, line 3, field code_ogr: expected a numeric OGR code (got "10200b")',
    );
    expect(await romeCounts()).toEqual([14, 0, 0, 0]);
  });

  it('rolls back the domaines and fiches already written when a later check fails', async () => {
    const goodLine = fs.readFileSync(APPELLATIONS, 'utf8').split('\n')[1]!;
    const orphan = fixture('orphan-appellations.csv', APPELLATIONS, [
      goodLine,
      goodLine.replace('"10200"', '"99999"').replaceAll('"F1402"', '"N9999"'),
    ]);
    const error = await failureOf(
      importRomeReferential(handle.db, { paths: [DOMAINES, FICHES, orphan] }),
    );
    expect(error.message).toMatch(
      /^orphan-appellations\.csv, line 3, field code_rome: appellation 99999 belongs to fiche N9999, which is not in the database/,
    );
    expect(await romeCounts()).toEqual([14, 0, 0, 0]);
  });

  it('imports the export folder: 14 grands domaines, 110 domaines, 1,584 fiches, 13,120 appellations', async () => {
    const summary = await importRomeReferential(handle.db, { paths: [romeFolder] });
    expect(summary.files.map((file) => file.name)).toEqual([
      'cr_gd_dp_v4_utf8.csv',
      'unix_referentiel_appellation_v460_utf8.csv',
      'unix_referentiel_code_rome_v460_utf8.csv',
    ]);
    expect(summary.skipped).toEqual([
      'rome_domaines_professionnels.csv',
      'rome_grands_domaines.csv',
    ]);
    expect(summary.tables).toEqual([
      { table: 'rome_grands_domaines', inserted: 0, updated: 0, unchanged: 14 },
      { table: 'rome_domaines', inserted: 110, updated: 0, unchanged: 0 },
      { table: 'rome_occupations', inserted: 1584, updated: 0, unchanged: 0 },
      { table: 'rome_appellations', inserted: 13120, updated: 0, unchanged: 0 },
    ]);
    expect(await romeCounts()).toEqual([14, 110, 1584, 13120]);
    const [fiche] = await handle.db
      .select()
      .from(romeOccupations)
      .where(eq(romeOccupations.code, 'K2132'));
    expect(fiche).toMatchObject({ domaineCode: 'K21', isManagerial: true, isRegulated: false });
    const [appellation] = await handle.db
      .select()
      .from(romeAppellations)
      .where(eq(romeAppellations.codeOgr, '14153'));
    expect(appellation).toMatchObject({ romeCode: 'M1805', isMain: true });
  });

  it('changes nothing when the same files are imported again', async () => {
    const summary = await importRomeReferential(handle.db, {
      paths: [APPELLATIONS, FICHES, DOMAINES],
    });
    expect(summary.tables).toEqual([
      { table: 'rome_grands_domaines', inserted: 0, updated: 0, unchanged: 14 },
      { table: 'rome_domaines', inserted: 0, updated: 0, unchanged: 110 },
      { table: 'rome_occupations', inserted: 0, updated: 0, unchanged: 1584 },
      { table: 'rome_appellations', inserted: 0, updated: 0, unchanged: 13120 },
    ]);
  });

  it('updates labels and flags from a newer edition, then restores them', async () => {
    const line = fs
      .readFileSync(FICHES, 'utf8')
      .split('\n')
      .find((text) => text.startsWith('"K2111"'))!;
    const newer = fixture('newer-fiches.csv', FICHES, [
      line
        .replace('Formateur / Formatrice', 'Formateur / Formatrice d’adultes')
        .replace(/"N","K2111"$/, '"O","K2111"'),
    ]);
    const summary = await importRomeReferential(handle.db, { paths: [newer] });
    expect(summary.tables).toEqual([
      { table: 'rome_occupations', inserted: 0, updated: 1, unchanged: 0 },
    ]);
    const [fiche] = await handle.db
      .select()
      .from(romeOccupations)
      .where(eq(romeOccupations.code, 'K2111'));
    expect(fiche).toMatchObject({ label: 'Formateur / Formatrice d’adultes', isManagerial: true });

    const restored = await importRomeReferential(handle.db, { paths: [FICHES] });
    expect(restored.tables).toEqual([
      { table: 'rome_occupations', inserted: 0, updated: 1, unchanged: 1583 },
    ]);
  });

  it('refuses two files of the same kind and a path that does not exist', async () => {
    const twice = await failureOf(importRomeReferential(handle.db, { paths: [FICHES, FICHES] }));
    expect(twice.message).toMatch(/was already read as the fiches métier/);
    const missing = await failureOf(
      importRomeReferential(handle.db, { paths: [path.join(scratch, 'nowhere')] }),
    );
    expect(missing.message).toMatch(/nowhere: no such file or folder$/);
  });
});
