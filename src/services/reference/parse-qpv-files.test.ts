import fs from 'node:fs';
import { messageOfAppError } from '../../../test/support/errors.ts';
import { describe, expect, it } from 'vitest';
import { collectQpvList, detectQpvFile, parseQpvFile } from './parse-qpv-files.ts';

const qpvFolder = new URL('../../../../shared/data/fr/qpv/', import.meta.url);
const LIST = 'qpv2024_list.csv';
const GEOJSON = 'anct_superposeur_centroide-4326_qpv.geojson';
const read = (name: string) => fs.readFileSync(new URL(name, qpvFolder), 'utf8');

const messageOf = (run: () => unknown) => messageOfAppError(run, 'reference_file_invalid');

const sorted = (links: { qpvCode: string; communeCode: string }[]) =>
  links.map((link) => `${link.qpvCode} ${link.communeCode}`).sort();

describe('parseQpvFile on the ANCT files', () => {
  it('reads the QPV 2024 list: 1,493 QPV in 1,684 (QPV, commune) rows, 41 in Marseille', () => {
    const entries = parseQpvFile(LIST, read(LIST));
    expect(entries).toHaveLength(1684);
    const list = collectQpvList(entries);
    expect(list.qpvs).toHaveLength(1493);
    expect(list.links).toHaveLength(1684);
    expect(list.links.filter((link) => link.communeCode === '13055')).toHaveLength(41);
    expect(list.qpvs.find((qpv) => qpv.code === 'QN00101M')?.name).toBe(
      'Grande Reyssouze Terre Des Fleurs',
    );
    expect(entries[0]?.where).toEqual({ line: 2 });
  });

  it('reads the same QPV and links from the per-commune GeoJSON', () => {
    const fromCsv = collectQpvList(parseQpvFile(LIST, read(LIST)));
    const fromGeojson = collectQpvList(parseQpvFile(GEOJSON, read(GEOJSON)));
    expect(fromGeojson.qpvs).toHaveLength(1493);
    expect(sorted(fromGeojson.links)).toEqual(sorted(fromCsv.links));
    const names = new Map(fromCsv.qpvs.map((qpv) => [qpv.code, qpv.name]));
    expect(fromGeojson.qpvs.every((qpv) => names.get(qpv.code) === qpv.name)).toBe(true);
  });

  it('merges both files without conflict', () => {
    const merged = collectQpvList([
      ...parseQpvFile(LIST, read(LIST)),
      ...parseQpvFile(GEOJSON, read(GEOJSON)),
    ]);
    expect(merged.qpvs).toHaveLength(1493);
    expect(merged.links).toHaveLength(1684);
  });

  it('recognises both kinds by content', () => {
    expect(detectQpvFile(read(LIST))).toBe('list');
    expect(detectQpvFile(read(GEOJSON))).toBe('geojson');
    expect(detectQpvFile('{"type":"FeatureCollection","features":[]}')).toBeUndefined();
    expect(detectQpvFile('code,lat\n')).toBeUndefined();
  });
});

describe('parseQpvFile on malformed files', () => {
  const header = 'code_qp,lib_qp,insee_com,nom_commune,communes_qp';

  it('names the line and field of an invalid code, also with semicolons', () => {
    const content = `${header}\nQN00101M,"A",01053,x,x\nQP013001,"B",13055,x,x\n`;
    expect(messageOf(() => parseQpvFile('list.csv', content))).toBe(
      'list.csv, line 3, field code_qp: expected a QPV 2024 code such as QN01313M (got "QP013001")',
    );
    const semicolons = 'code_qp;lib_qp;insee_com\nQN01301M;"Nord, Sud";1305\n';
    expect(messageOf(() => parseQpvFile('list.csv', semicolons))).toBe(
      'list.csv, line 2, field insee_com: expected an INSEE commune code such as 13055 (got "1305")',
    );
  });

  it('refuses a QPV named two ways, naming both places', () => {
    const content = `${header}\nQN01301M,"Nord",13055,x,x\nQN01301M,"Sud",13056,x,x\n`;
    expect(messageOf(() => collectQpvList(parseQpvFile('list.csv', content)))).toBe(
      'list.csv, line 3, field lib_qp: QN01301M is named "Sud" here but "Nord" in line 2',
    );
  });

  it('refuses a GeoJSON feature whose codes and names do not pair up', () => {
    const feature = (codes: string, names: string) => ({
      type: 'Feature',
      properties: { insee_com: '13055', code_qp: codes, lib_qp: names },
      geometry: { type: 'Point', coordinates: [5.4, 43.3] },
    });
    const collection = (features: unknown[]) =>
      JSON.stringify({ type: 'FeatureCollection', features });
    expect(
      messageOf(() =>
        parseQpvFile(
          'q.geojson',
          collection([feature('QN01301M', 'A'), feature('QN01302M, QN01303M', 'B')]),
        ),
      ),
    ).toBe(
      'q.geojson, features[1], field properties.lib_qp: 2 QPV codes but 1 names: cannot pair them',
    );
    expect(
      messageOf(() => parseQpvFile('q.geojson', collection([feature('QN01301M, QX1', 'A, B')]))),
    ).toMatch(
      /^q\.geojson, features\[0\], field properties\.code_qp: expected a QPV 2024 code .*\(got "QX1"\)$/,
    );
    expect(messageOf(() => parseQpvFile('q.geojson', '{"type":'))).toMatch(
      /^q\.geojson: not valid JSON/,
    );
  });

  it('refuses a CSV without the QPV columns', () => {
    expect(messageOf(() => parseQpvFile('x.csv', 'code,nom\n1,2\n'))).toMatch(
      /^x\.csv, line 1: not an ANCT QPV list/,
    );
  });
});
