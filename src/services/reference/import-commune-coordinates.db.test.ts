import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import {
  countReferenceRows,
  findCommuneCodes,
} from '../../db/repositories/reference-repository.ts';
import { communes } from '../../db/schema/index.ts';
import { isAppError } from '../../domain/errors.ts';
import { importCommuneCoordinates } from './import-commune-coordinates.ts';

const geoFolder = fileURLToPath(new URL('../../../../shared/data/fr/geo/', import.meta.url));
const AMP = path.join(geoFolder, 'amp_communes.json');

let handle: DatabaseHandle;
let scratch: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-geo-'));
});
afterAll(async () => {
  fs.rmSync(scratch, { recursive: true, force: true });
  await handle.close();
});

function fixture(name: string, items: unknown[]): string {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, JSON.stringify({ items }));
  return file;
}

async function withCoordinates(): Promise<number> {
  return (await countReferenceRows(handle.db)).communes_with_coordinates;
}

async function positionsOf(codes: string[]) {
  const rows = await handle.db
    .select({ code: communes.code, latitude: communes.latitude, longitude: communes.longitude })
    .from(communes)
    .where(inArray(communes.code, codes));
  return new Map(rows.map((row) => [row.code, row]));
}

describe('importCommuneCoordinates', () => {
  it('finds every code of amp_communes.json in the communes table', async () => {
    const { items } = JSON.parse(fs.readFileSync(AMP, 'utf8')) as { items: { code: string }[] };
    const known = await findCommuneCodes(
      handle.db,
      items.map((item) => item.code),
    );
    expect(items).toHaveLength(108);
    expect(known.size).toBe(108);
  });

  it('writes nothing from a file with an invalid entry', async () => {
    const bad = fixture('bad.json', [
      { code: '13055', lat: 43.3, lon: 5.4 },
      { code: '13001', lat: 43.5, lon: 'east' },
    ]);
    const error = await importCommuneCoordinates(handle.db, { paths: [bad] }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(isAppError(error, 'reference_file_invalid')).toBe(true);
    expect((error as Error).message).toBe(
      'bad.json, items[1], field lon: expected a longitude in decimal degrees (got "east")',
    );
    expect(await withCoordinates()).toBe(0);
  });

  it('gives the 108 communes and arrondissements of amp_communes.json their coordinates', async () => {
    const summary = await importCommuneCoordinates(handle.db, { paths: [AMP] });
    expect(summary.tables).toEqual([
      { table: 'communes (latitude, longitude)', inserted: 0, updated: 108, unchanged: 0 },
    ]);
    expect(summary.warnings).toEqual([]);
    expect(await withCoordinates()).toBe(108);
    const positions = await positionsOf(['13055', '13201']);
    for (const code of ['13055', '13201']) {
      expect(positions.get(code)?.latitude).toBeCloseTo(43.3, 1);
      expect(positions.get(code)?.longitude).toBeCloseTo(5.4, 1);
    }
  });

  it('changes nothing when the same file is imported again', async () => {
    const summary = await importCommuneCoordinates(handle.db, { paths: [AMP] });
    expect(summary.tables).toEqual([
      { table: 'communes (latitude, longitude)', inserted: 0, updated: 0, unchanged: 108 },
    ]);
  });

  it('reads the GeoJSON folder, computing centroids, and reports unknown codes', async () => {
    const summary = await importCommuneCoordinates(handle.db, { paths: [geoFolder] });
    expect(summary.files).toHaveLength(4);
    // The 119 communes of the département and the 16 arrondissements, plus the two outside it.
    expect(await withCoordinates()).toBe(137);
    const unknown = fixture('unknown.json', [
      { code: '13055', lat: 43.29, lon: 5.37 },
      { code: '99999', lat: 43.3, lon: 5.4 },
    ]);
    const second = await importCommuneCoordinates(handle.db, { paths: [unknown] });
    expect(second.tables).toEqual([
      { table: 'communes (latitude, longitude)', inserted: 0, updated: 1, unchanged: 0 },
    ]);
    expect(second.warnings).toEqual(['1 code(s) not in the communes table, left aside: 99999']);
    expect((await positionsOf(['13055'])).get('13055')).toEqual({
      code: '13055',
      latitude: 43.29,
      longitude: 5.37,
    });
  });
});
