import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../bin/tandem.js', import.meta.url));

function runCli(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    cwd: os.tmpdir(),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.trim() };
}

function expectOneReadableLine(stderr: string, pattern: RegExp) {
  const lines = stderr.split('\n').filter((line) => line.trim() !== '');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^tandem: /);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('the tandem CLI at start-up', () => {
  it('lists its commands', () => {
    const { status, stdout } = runCli(['--help'], {});
    expect(status).toBe(0);
    for (const command of ['serve', 'migrate', 'demo', 'stats', 'reference', 'match'])
      expect(stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
  });

  it('explains an unreachable DATABASE_URL in one line', () => {
    const { status, stderr } = runCli(['serve'], {
      DATABASE_URL: 'postgres://tandem:secret@127.0.0.1:1/tandem',
    });
    expect(status).not.toBe(0);
    expectOneReadableLine(
      stderr,
      /cannot connect to PostgreSQL at 127\.0\.0\.1:1\/tandem .*DATABASE_URL/,
    );
    expect(stderr).not.toContain('secret');
  });

  it('explains a malformed DATABASE_URL in one line', () => {
    const { status, stderr } = runCli(['migrate'], { DATABASE_URL: 'mysql://localhost/tandem' });
    expect(status).not.toBe(0);
    expectOneReadableLine(stderr, /DATABASE_URL: must start with postgres/);
  });

  it('explains an unwritable data folder in one line', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-cli-'));
    const aFile = path.join(folder, 'not-a-folder');
    fs.writeFileSync(aFile, '');
    const { status, stderr } = runCli(['serve'], { TANDEM_DATA_DIR: path.join(aFile, 'data') });
    fs.rmSync(folder, { recursive: true, force: true });
    expect(status).not.toBe(0);
    expectOneReadableLine(stderr, /data folder .* is not writable .*TANDEM_DATA_DIR/);
  });

  it('names a bad variable in one line', () => {
    const { status, stderr } = runCli(['serve'], { PORT: 'eighty' });
    expect(status).not.toBe(0);
    expectOneReadableLine(stderr, /invalid configuration — PORT/);
  });
});
