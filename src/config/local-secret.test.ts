import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';
import { LOCAL_SECRET_FILE, withLastingSecret } from './local-secret.ts';

const folders: string[] = [];
const dataFolder = () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-secret-'));
  folders.push(folder);
  return folder;
};
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

describe('withLastingSecret', () => {
  it('keeps a generated secret beside embedded data, the same after a restart', () => {
    const folder = dataFolder();
    const first = withLastingSecret(loadConfig({ TANDEM_DATA_DIR: folder }));
    const again = withLastingSecret(loadConfig({ TANDEM_DATA_DIR: folder }));
    expect(first.isSecretEphemeral).toBe(false);
    expect(first.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(again.secret).toBe(first.secret);
    const file = path.join(folder, LOCAL_SECRET_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(withLastingSecret(loadConfig({ TANDEM_DATA_DIR: dataFolder() })).secret).not.toBe(
      first.secret,
    );
  });

  it('leaves TANDEM_SECRET and PostgreSQL installs alone', () => {
    const folder = dataFolder();
    const secret = 'a-secret-from-the-environment-0123456789';
    const given = withLastingSecret(loadConfig({ TANDEM_DATA_DIR: folder, TANDEM_SECRET: secret }));
    expect(given.secret).toBe(secret);
    const postgres = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/tandem' });
    expect(withLastingSecret(postgres)).toBe(postgres);
    expect(fs.existsSync(path.join(folder, LOCAL_SECRET_FILE))).toBe(false);
  });

  it('refuses a stored secret that was cut short', () => {
    const folder = dataFolder();
    fs.writeFileSync(path.join(folder, LOCAL_SECRET_FILE), 'short\n');
    expect(() => withLastingSecret(loadConfig({ TANDEM_DATA_DIR: folder }))).toThrow(ConfigError);
  });
});
