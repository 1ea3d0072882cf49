import { loadConfig, type Config } from '../config/config.ts';
import { openDatabase, type DatabaseHandle } from '../db/client.ts';
import { prepareDatabase } from '../services/setup/prepare-database.ts';

/** A failure a command reports as one line on stderr, with a non-zero exit code. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/**
 * Runs a command's work against the configured database, brought up to date first
 * (migrations, built-in reference data), and always closes it.
 */
export async function withDatabase<T>(
  work: (handle: DatabaseHandle, config: Config) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const handle = await openDatabase(config.database);
  try {
    await prepareDatabase(handle);
    return await work(handle, config);
  } finally {
    await handle.close();
  }
}
