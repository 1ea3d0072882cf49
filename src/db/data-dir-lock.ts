import fs from 'node:fs';
import path from 'node:path';

/** The file that says which process owns a PGlite data folder. */
export const LOCK_FILE_NAME = 'tandem.lock';

/** Another live process holds the folder. */
export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`the data folder ${dataDir} is in use by another Tandem process (pid ${pid})`);
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the PGlite data folder for this process: two processes opening the same folder
 * corrupt it (PGlite is a single-process database). A lock left by a process that died is
 * taken over; a lock with our own pid is stale too (a container restarted with the same pid).
 * Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, LOCK_FILE_NAME);
  for (let tries = 0; tries < 3; tries += 1) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        fs.rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) throw new DataDirInUseError(dataDir, pid);
    fs.rmSync(file, { force: true });
  }
  throw new Error(`cannot take the lock on ${dataDir}`);
}
