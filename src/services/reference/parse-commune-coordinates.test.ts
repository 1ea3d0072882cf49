import fs from 'node:fs';
import { messageOfAppError } from '../../../test/support/errors.ts';
import { describe, expect, it } from 'vitest';
import {
  isCommuneCoordinatesFile,
  parseCommuneCoordinates,
  type CommuneCoordinates,
} from './parse-commune-coordinates.ts';

const geoFolder = new URL('../../../../shared/data/fr/geo/', import.meta.url);
const read = (name: string) => fs.readFileSync(new URL(name, geoFolder), 'utf8');
const AMP = 'amp_communes.json';
const GEOJSON_FILES = [
  'france-geojson_HEAD_communes-13-bouches-du-rhone.geojson',
  'france-geojson_v2.0.2_marseille-arrondissements.geojson',
  'france-geojson_HEAD_amp-communes-83-84.geojson',
];

const messageOf = (run: () => unknown) => messageOfAppError(run, 'reference_file_invalid');

const byCode = (entries: CommuneCoordinates[]) =>
  new Map(entries.map((entry) => [entry.code, entry]));

describe('parseCommuneCoordinates on real files', () => {
  it('reads the 108 entries of amp_communes.json, Marseille near (43.3, 5.4)', () => {
    const entries = byCode(parseCommuneCoordinates(AMP, read(AMP)));
    expect(entries.size).toBe(108);
    for (const code of ['13055', '13201']) {
      expect(entries.get(code)?.latitude).toBeCloseTo(43.3, 1);
      expect(entries.get(code)?.longitude).toBeCloseTo(5.4, 1);
    }
    expect(entries.get('13001')).toEqual({
      code: '13001',
      latitude: 43.53613,
      longitude: 5.39863,
      location: 'items[0]',
    });
  });

  it('computes polygon centroids that agree with amp_communes.json to about a metre', () => {
    const reference = byCode(parseCommuneCoordinates(AMP, read(AMP)));
    const computed = GEOJSON_FILES.flatMap((name) => parseCommuneCoordinates(name, read(name)));
    expect(computed).toHaveLength(119 + 16 + 2);
    const shared = computed.filter((entry) => reference.has(entry.code));
    expect(shared).toHaveLength(108);
    for (const entry of shared) {
      const expected = reference.get(entry.code)!;
      expect(Math.abs(entry.latitude - expected.latitude), entry.code).toBeLessThan(1e-5);
      expect(Math.abs(entry.longitude - expected.longitude), entry.code).toBeLessThan(1e-5);
    }
  });

  it('recognises coordinates files by content', () => {
    expect(isCommuneCoordinatesFile(read(AMP))).toBe(true);
    for (const name of GEOJSON_FILES) expect(isCommuneCoordinatesFile(read(name))).toBe(true);
    const qpv = new URL('../qpv/anct_superposeur_centroide-4326_qpv.geojson', geoFolder);
    expect(isCommuneCoordinatesFile(fs.readFileSync(qpv, 'utf8'))).toBe(false);
    expect(isCommuneCoordinatesFile('code,lat,lon\n')).toBe(false);
  });
});

describe('parseCommuneCoordinates on small and malformed files', () => {
  it('accepts a bare list and GeoJSON points', () => {
    expect(parseCommuneCoordinates('l.json', '[{"code":"13055","lat":43.3,"lon":5.4}]')).toEqual([
      { code: '13055', latitude: 43.3, longitude: 5.4, location: '[0]' },
    ]);
    const points = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { properties: { code: '2A004' }, geometry: { type: 'Point', coordinates: [8.74, 41.93] } },
      ],
    });
    expect(parseCommuneCoordinates('p.geojson', points)).toEqual([
      { code: '2A004', latitude: 41.93, longitude: 8.74, location: 'features[0]' },
    ]);
  });

  it('names the location and field of an invalid entry', () => {
    const items = (lat: unknown) =>
      JSON.stringify({
        items: [
          { code: '13001', lat: 43.5, lon: 5.4 },
          { code: '13002', lat, lon: 5.5 },
        ],
      });
    expect(messageOf(() => parseCommuneCoordinates('a.json', items(143.3)))).toBe(
      'a.json, items[1], field lat: expected a latitude between -90 and 90 (got 143.3)',
    );
    expect(messageOf(() => parseCommuneCoordinates('a.json', items('43.3')))).toBe(
      'a.json, items[1], field lat: expected a latitude in decimal degrees (got "43.3")',
    );
    expect(messageOf(() => parseCommuneCoordinates('a.json', items(undefined)))).toBe(
      'a.json, items[1], field lat: expected a latitude in decimal degrees (the value is missing)',
    );
  });

  it('refuses a code listed twice, a shape without area and a file that is not JSON', () => {
    const twice = '[{"code":"13055","lat":43.3,"lon":5.4},{"code":"13055","lat":43.3,"lon":5.4}]';
    expect(messageOf(() => parseCommuneCoordinates('t.json', twice))).toBe(
      't.json, [1], field code: 13055 is listed twice (first at [0])',
    );
    const flat = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          properties: { code: '13055' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [5, 43],
                [5, 44],
                [5, 45],
                [5, 43],
              ],
            ],
          },
        },
      ],
    });
    expect(messageOf(() => parseCommuneCoordinates('f.geojson', flat))).toBe(
      'f.geojson, features[0], field geometry: the polygon of 13055 has no area',
    );
    expect(messageOf(() => parseCommuneCoordinates('c.csv', 'code,lat,lon\n'))).toMatch(
      /^c\.csv: not a coordinates file/,
    );
  });
});
