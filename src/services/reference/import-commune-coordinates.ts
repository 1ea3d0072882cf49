import type { Executor } from '../../db/client.ts';
import {
  findCommuneCodes,
  updateCommuneCoordinates,
  type CommuneCoordinatesRow,
} from '../../db/repositories/reference-repository.ts';
import { isCommuneCoordinatesFile, parseCommuneCoordinates } from './parse-commune-coordinates.ts';
import { readReferenceFiles } from './read-reference-files.ts';
import { invalidReferenceFile } from './reference-file-error.ts';
import {
  listSome,
  type ReferenceImportSummary,
  startImportSummary,
} from './reference-import-summary.ts';

export type ImportCommuneCoordinatesOptions = {
  /** JSON lists of `{ code, lat, lon }` or GeoJSON communes, or folders holding them. */
  paths: readonly string[];
};

/**
 * Sets the latitude and longitude of communes and arrondissements from coordinate files
 * (see `parseCommuneCoordinates`). When several files give the same code, the last one
 * read wins (folders are read in name order). Codes that are not in the communes table are
 * reported and left aside: the table comes from the built-in COG, the files may be older or
 * newer. One transaction; re-importing the same files changes nothing.
 */
export async function importCommuneCoordinates(
  db: Executor,
  options: ImportCommuneCoordinatesOptions,
): Promise<ReferenceImportSummary> {
  const started = performance.now();
  const summary = startImportSummary();
  const byCode = new Map<string, CommuneCoordinatesRow>();
  for (const file of await readReferenceFiles(options.paths, ['.json', '.geojson'])) {
    if (file.isFromFolder && !isCommuneCoordinatesFile(file.content)) {
      summary.skipped.push(file.name);
      continue;
    }
    const entries = parseCommuneCoordinates(file.name, file.content);
    for (const { code, latitude, longitude } of entries) {
      byCode.set(code, { code, latitude, longitude });
    }
    summary.files.push({ name: file.name, readAs: `coordinates of ${entries.length} communes` });
  }
  if (summary.files.length === 0) {
    throw invalidReferenceFile(options.paths.join(', '), 'no commune coordinates file found');
  }
  await db.transaction(async (tx) => {
    const known = await findCommuneCodes(tx, [...byCode.keys()]);
    const rows = [...byCode.values()].filter((row) => known.has(row.code));
    const changed = await updateCommuneCoordinates(tx, rows);
    summary.tables.push({
      table: 'communes (latitude, longitude)',
      inserted: 0,
      updated: changed.length,
      unchanged: rows.length - changed.length,
    });
    const unknown = [...byCode.keys()].filter((code) => !known.has(code)).sort();
    if (unknown.length > 0) {
      summary.warnings.push(
        `${unknown.length} code(s) not in the communes table, left aside: ${listSome(unknown)}`,
      );
    }
  });
  summary.elapsedMs = performance.now() - started;
  return summary;
}
