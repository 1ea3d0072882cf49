import type { Executor } from '../../db/client.ts';
import { countReferenceRows } from '../../db/repositories/reference-repository.ts';

/** Rows per reference table, plus how many communes have coordinates. */
export type ReferenceStatus = Awaited<ReturnType<typeof countReferenceRows>>;

/** How much reference data the database holds: what is built in, what was imported. */
export async function getReferenceStatus(db: Executor): Promise<ReferenceStatus> {
  return countReferenceRows(db);
}
