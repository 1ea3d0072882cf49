import { CsvError, parse } from 'csv-parse/sync';
import type { z } from 'zod';
import { invalidReferenceFile, invalidRowError } from './reference-file-error.ts';

/** The delimiters official French open-data exports use: comma, semicolon, tab. */
const DELIMITERS = [',', ';', '\t'] as const;

/** A CSV format recognised by the columns its header must contain. */
export type CsvSignature<Kind extends string> = { kind: Kind; columns: readonly string[] };

/** A recognised CSV file: its format and the delimiter that revealed it. */
export type DetectedCsv<Kind extends string> = { kind: Kind; delimiter: string };

/** A data record, keyed by normalised column name, with the line it ends on (header = 1). */
export type CsvRecord = { line: number; values: Record<string, string> };

/**
 * Column names compared trimmed and lower-case. France Travail's export spells
 * "professionel" with one n (`code_domaine_professionel`); the corrected spelling is read as
 * the same column, so a fixed future export still loads.
 */
export function normaliseColumnName(name: string): string {
  return name.trim().toLowerCase().replaceAll('professionnel', 'professionel');
}

/**
 * Recognises a CSV file by its header alone: the first signature whose columns all appear,
 * with the first delimiter that produces them. `undefined` when no signature matches.
 */
export function detectCsvFormat<Kind extends string>(
  content: string,
  signatures: readonly CsvSignature<Kind>[],
): DetectedCsv<Kind> | undefined {
  for (const delimiter of DELIMITERS) {
    let header: string[];
    try {
      const [first] = parse(content, { bom: true, delimiter, to_line: 1, relax_quotes: true });
      header = (first ?? []).map(normaliseColumnName);
    } catch {
      continue;
    }
    const columns = new Set(header);
    const match = signatures.find((signature) =>
      signature.columns.every((column) => columns.has(column)),
    );
    if (match) return { kind: match.kind, delimiter };
  }
  return undefined;
}

/**
 * Parses a CSV file into records keyed by (normalised) header names. Malformed CSV (an
 * unclosed quote, a row with too many or too few fields) becomes a `reference_file_invalid`
 * error naming the file and the line.
 */
export function parseCsvRecords(file: string, content: string, delimiter: string): CsvRecord[] {
  try {
    const rows = parse(content, {
      bom: true,
      delimiter,
      columns: (header: string[]) => header.map(normaliseColumnName),
      skip_empty_lines: true,
      info: true,
    }) as unknown as { info: { lines: number }; record: Record<string, string> }[];
    return rows.map(({ info, record }) => ({ line: info.lines, values: record }));
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      const problem = error.message.replace(/ (on|at) line \d+/, '');
      throw invalidReferenceFile(file, `not readable as CSV: ${problem}`, { line });
    }
    throw error;
  }
}

/** Validates every record with a zod schema; the first invalid one throws, naming its line and field. */
export function validateCsvRecords<Row>(
  file: string,
  records: readonly CsvRecord[],
  schema: z.ZodType<Row>,
): { line: number; row: Row }[] {
  return records.map(({ line, values }) => {
    const result = schema.safeParse(values);
    if (!result.success) throw invalidRowError(file, result.error.issues, values, { line });
    return { line, row: result.data };
  });
}
