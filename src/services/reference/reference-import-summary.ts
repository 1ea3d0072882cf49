import type { UpsertCounts } from '../../db/repositories/reference-repository.ts';

/** What an import did to one table. `deleted` only for links a newer file no longer lists. */
export type TableChanges = { table: string; deleted?: number } & UpsertCounts;

/** The outcome of `tandem reference import`, the same shape for every kind of file. */
export type ReferenceImportSummary = {
  /** The files read, and what each was recognised as. */
  files: { name: string; readAs: string }[];
  /** Files of a given folder that are not of the expected formats, left aside. */
  skipped: string[];
  tables: TableChanges[];
  /** Things the operator should know but that do not stop the import (unknown codes…). */
  warnings: string[];
  elapsedMs: number;
};

/** A summary with nothing done yet, which an import fills in as it goes. */
export function startImportSummary(): ReferenceImportSummary {
  return { files: [], skipped: [], tables: [], warnings: [], elapsedMs: 0 };
}

/** A list of codes for a message: the first few, then how many more. */
export function listSome(codes: readonly string[], shown = 10): string {
  const head = codes.slice(0, shown).join(', ');
  return codes.length > shown ? `${head}… (${codes.length - shown} more)` : head;
}
