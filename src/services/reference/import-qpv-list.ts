import type { Executor } from '../../db/client.ts';
import {
  deleteQpvCommunes,
  findCommuneCodes,
  insertQpvCommunes,
  listQpvCommunesOf,
  upsertQpvs,
} from '../../db/repositories/reference-repository.ts';
import {
  collectQpvList,
  detectQpvFile,
  parseQpvFile,
  QPV_FILE_DESCRIPTIONS,
  type QpvEntry,
} from './parse-qpv-files.ts';
import { readReferenceFiles } from './read-reference-files.ts';
import { invalidReferenceFile } from './reference-file-error.ts';
import {
  listSome,
  type ReferenceImportSummary,
  startImportSummary,
} from './reference-import-summary.ts';

export type ImportQpvListOptions = {
  /** ANCT QPV 2024 files (CSV list or per-commune GeoJSON), or folders holding them. */
  paths: readonly string[];
};

/**
 * Imports the quartiers prioritaires (géographie 2024) and the communes each lies in, from
 * ANCT's list (CSV) or its per-commune GeoJSON layer; several files are merged. For every
 * QPV a file lists, the file is the truth about its communes: links it no longer lists are
 * removed. QPV absent from the files are kept. Commune codes unknown to the database are
 * reported, not refused (the files may use a newer COG). One transaction; idempotent.
 */
export async function importQpvList(
  db: Executor,
  options: ImportQpvListOptions,
): Promise<ReferenceImportSummary> {
  const started = performance.now();
  const summary = startImportSummary();
  const entries: QpvEntry[] = [];
  for (const file of await readReferenceFiles(options.paths, ['.csv', '.geojson', '.json'])) {
    const kind = detectQpvFile(file.content);
    if (file.isFromFolder && kind === undefined) {
      summary.skipped.push(file.name);
      continue;
    }
    entries.push(...parseQpvFile(file.name, file.content));
    summary.files.push({ name: file.name, readAs: QPV_FILE_DESCRIPTIONS[kind ?? 'list'] });
  }
  if (summary.files.length === 0) {
    throw invalidReferenceFile(options.paths.join(', '), 'no QPV file found');
  }
  const list = collectQpvList(entries);
  await db.transaction(async (tx) => {
    const qpvCounts = await upsertQpvs(tx, list.qpvs);
    summary.tables.push({ table: 'qpvs', ...qpvCounts });

    const key = (link: { qpvCode: string; communeCode: string }) =>
      `${link.qpvCode} ${link.communeCode}`;
    const wanted = new Set(list.links.map(key));
    const existing = await listQpvCommunesOf(
      tx,
      list.qpvs.map((qpv) => qpv.code),
    );
    const existingKeys = new Set(existing.map(key));
    const removed = await deleteQpvCommunes(
      tx,
      existing.filter((link) => !wanted.has(key(link))),
    );
    const inserted = await insertQpvCommunes(
      tx,
      list.links.filter((link) => !existingKeys.has(key(link))),
    );
    summary.tables.push({
      table: 'qpv_communes',
      inserted,
      updated: 0,
      unchanged: list.links.length - inserted,
      deleted: removed,
    });

    const communeCodes = [...new Set(list.links.map((link) => link.communeCode))];
    const known = await findCommuneCodes(tx, communeCodes);
    const unknown = communeCodes.filter((code) => !known.has(code)).sort();
    if (unknown.length > 0) {
      summary.warnings.push(
        `${unknown.length} commune code(s) not in the communes table (kept as given): ${listSome(unknown)}`,
      );
    }
  });
  summary.elapsedMs = performance.now() - started;
  return summary;
}
