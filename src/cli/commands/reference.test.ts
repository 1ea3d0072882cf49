import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatImportSummary, formatReferenceStatus } from './reference.ts';

const cli = fileURLToPath(new URL('../../../bin/tandem.js', import.meta.url));
const AMP = fileURLToPath(
  new URL('../../../../shared/data/fr/geo/amp_communes.json', import.meta.url),
);

function runCli(args: string[], dataDir: string) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TANDEM_DATA_DIR: dataDir },
    cwd: os.tmpdir(),
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.trim() };
}

describe('formatImportSummary', () => {
  it('lists the files, aligns the table and ends with warnings', () => {
    const text = formatImportSummary({
      files: [{ name: 'qpv2024_list.csv', readAs: 'QPV list (CSV)' }],
      skipped: ['notes.csv'],
      tables: [
        { table: 'qpvs', inserted: 1493, updated: 0, unchanged: 0 },
        { table: 'qpv_communes', inserted: 1684, updated: 0, unchanged: 0, deleted: 2 },
      ],
      warnings: ['1 commune code(s) not in the communes table (kept as given): 99999'],
      elapsedMs: 1200,
    });
    expect(text.split('\n')).toEqual([
      '  read     qpv2024_list.csv: QPV list (CSV)',
      '  skipped  notes.csv: not a file of this kind',
      '',
      '  table         inserted  updated  unchanged  deleted',
      '  qpvs              1493        0          0',
      '  qpv_communes      1684        0          0        2',
      '  warning: 1 commune code(s) not in the communes table (kept as given): 99999',
    ]);
  });
});

describe('formatReferenceStatus', () => {
  it('aligns table names and counts', () => {
    const text = formatReferenceStatus({
      rome_grands_domaines: 14,
      rome_domaines: 110,
      rome_occupations: 1584,
      rome_appellations: 13120,
      naf_codes: 1728,
      epcis: 1255,
      communes: 35014,
      communes_with_coordinates: 108,
      qpvs: 1493,
      qpv_communes: 1684,
    });
    expect(text.split('\n').slice(0, 2)).toEqual([
      'rome_grands_domaines          14',
      'rome_domaines                110',
    ]);
    expect(text).toContain('communes_with_coordinates    108');
  });
});

describe('tandem reference', () => {
  it('imports coordinates and explains a bad file in one line', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-reference-cli-'));
    try {
      const imported = runCli(['reference', 'import', 'geo', AMP], dataDir);
      expect(imported.stderr).toBe('');
      expect(imported.status).toBe(0);
      expect(imported.stdout).toMatch(/^Imported the commune coordinates in /);
      expect(imported.stdout).toMatch(/communes \(latitude, longitude\)\s+0\s+108\s+0\n/);

      const bad = path.join(dataDir, 'bad.json');
      fs.writeFileSync(bad, '[{"code":"13055","lat":43.3}]');
      const failed = runCli(['reference', 'import', 'communes-coordinates', bad], dataDir);
      expect(failed.status).toBe(1);
      expect(failed.stderr).toBe(
        'tandem: bad.json, [0], field lon: expected a longitude in decimal degrees ' +
          '(the value is missing) [reference_file_invalid]',
      );
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('names the accepted kinds when given an unknown one', () => {
    const { status, stderr } = runCli(['reference', 'import', 'naf', 'x.csv'], os.tmpdir());
    expect(status).toBe(1);
    expect(stderr).toBe(
      'tandem: unknown kind "naf": expected rome, qpv or communes-coordinates (geo)',
    );
  });
});
