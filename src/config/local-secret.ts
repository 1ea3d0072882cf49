import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, type Config } from './config.ts';

/** The file, inside the embedded database's folder, that keeps a generated secret. */
export const LOCAL_SECRET_FILE = 'secret';

/**
 * The configuration with a secret that survives restarts. Without TANDEM_SECRET, an embedded
 * install keeps a generated secret beside its data (readable by its owner only), so that
 * sessions and the one-click links already e-mailed stay valid after a restart. With
 * PostgreSQL and no TANDEM_SECRET (development only: production requires it) the secret stays
 * per process. Call it after the data folder exists.
 */
export function withLastingSecret(config: Config): Config {
  if (!config.isSecretEphemeral || config.database.engine !== 'pglite') return config;
  return {
    ...config,
    secret: readOrCreateSecret(path.join(config.database.dataDir, LOCAL_SECRET_FILE)),
    isSecretEphemeral: false,
  };
}

function readOrCreateSecret(file: string): string {
  try {
    fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (secret.length < 32) {
    throw new ConfigError(`invalid configuration — ${file}: the stored secret is too short`);
  }
  return secret;
}
