import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import { countReferenceRows } from '../../db/repositories/reference-repository.ts';
import { qpvCommunes, qpvs } from '../../db/schema/index.ts';
import { isAppError } from '../../domain/errors.ts';
import { importQpvList } from './import-qpv-list.ts';

const qpvFolder = fileURLToPath(new URL('../../../../shared/data/fr/qpv/', import.meta.url));
const LIST = path.join(qpvFolder, 'qpv2024_list.csv');
const GEOJSON = path.join(qpvFolder, 'anct_superposeur_centroide-4326_qpv.geojson');
const HEADER = 'code_qp,lib_qp,insee_com,nom_commune,communes_qp';

let handle: DatabaseHandle;
let scratch: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-qpv-'));
});
afterAll(async () => {
  fs.rmSync(scratch, { recursive: true, force: true });
  await handle.close();
});

function fixture(name: string, lines: string[]): string {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, [HEADER, ...lines, ''].join('\n'));
  return file;
}

async function qpvCounts() {
  const counts = await countReferenceRows(handle.db);
  return [counts.qpvs, counts.qpv_communes];
}

async function communesOf(code: string) {
  const rows = await handle.db
    .select({ commune: qpvCommunes.communeCode })
    .from(qpvCommunes)
    .where(eq(qpvCommunes.qpvCode, code));
  return rows.map((row) => row.commune).sort();
}

describe('importQpvList', () => {
  it('writes nothing from a file with a malformed row', async () => {
    const bad = fixture('bad.csv', [
      'QN01303I,"Saint Henri",13055,Marseille,Marseille',
      'QN01304I,"La Viste",13055,Marseille,Marseille',
      'QN01305I,"",13055,Marseille,Marseille',
    ]);
    const error = await importQpvList(handle.db, { paths: [bad] }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(isAppError(error, 'reference_file_invalid')).toBe(true);
    expect((error as Error).message).toBe(
      'bad.csv, line 4, field lib_qp: must not be empty (got "")',
    );
    expect(await qpvCounts()).toEqual([0, 0]);
  });

  it('imports the QPV 2024 list: 1,493 QPV, 1,684 links, 41 QPV in Marseille', async () => {
    const summary = await importQpvList(handle.db, { paths: [LIST] });
    expect(summary.tables).toEqual([
      { table: 'qpvs', inserted: 1493, updated: 0, unchanged: 0 },
      { table: 'qpv_communes', inserted: 1684, updated: 0, unchanged: 0, deleted: 0 },
    ]);
    expect(summary.warnings).toEqual([]);
    expect(await qpvCounts()).toEqual([1493, 1684]);
    const marseille = await handle.db
      .select()
      .from(qpvCommunes)
      .where(eq(qpvCommunes.communeCode, '13055'));
    expect(marseille).toHaveLength(41);
  });

  it('changes nothing when the same QPV are imported again, from either file', async () => {
    const summary = await importQpvList(handle.db, { paths: [GEOJSON, LIST] });
    expect(summary.tables).toEqual([
      { table: 'qpvs', inserted: 0, updated: 0, unchanged: 1493 },
      { table: 'qpv_communes', inserted: 0, updated: 0, unchanged: 1684, deleted: 0 },
    ]);
    expect(await qpvCounts()).toEqual([1493, 1684]);
  });

  it('takes a newer file as the truth about the names and communes of the QPV it lists', async () => {
    const newer = fixture('newer.csv', ['QN01303I,"Saint-Henri",13056,x,x']);
    const summary = await importQpvList(handle.db, { paths: [newer] });
    expect(summary.tables).toEqual([
      { table: 'qpvs', inserted: 0, updated: 1, unchanged: 0 },
      { table: 'qpv_communes', inserted: 1, updated: 0, unchanged: 0, deleted: 1 },
    ]);
    const [renamed] = await handle.db.select().from(qpvs).where(eq(qpvs.code, 'QN01303I'));
    expect(renamed?.name).toBe('Saint-Henri');
    expect(await communesOf('QN01303I')).toEqual(['13056']);
    // QPV the newer file does not list are kept.
    expect(await qpvCounts()).toEqual([1493, 1684]);

    const restored = await importQpvList(handle.db, { paths: [LIST] });
    expect(restored.tables).toEqual([
      { table: 'qpvs', inserted: 0, updated: 1, unchanged: 1492 },
      { table: 'qpv_communes', inserted: 1, updated: 0, unchanged: 1683, deleted: 1 },
    ]);
    expect(await communesOf('QN01303I')).toEqual(['13055']);
  });

  it('reports commune codes that are not in the communes table', async () => {
    const unknown = fixture('unknown.csv', ['QN99901M,"Quartier d’essai",99999,x,x']);
    const summary = await importQpvList(handle.db, { paths: [unknown] });
    expect(summary.warnings).toEqual([
      '1 commune code(s) not in the communes table (kept as given): 99999',
    ]);
    expect(await communesOf('QN99901M')).toEqual(['99999']);
  });
});
