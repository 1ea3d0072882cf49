import type { z } from 'zod';
import { AppError } from '../../domain/errors.ts';

/** Where in a reference file a problem is: a CSV line, or a JSON location such as `items[3]`. */
export type ReferenceFileLocation = { line?: number; location?: string; field?: string };

/**
 * The one error of every reference import: a single line that names the file and, when known,
 * the line (or JSON location) and the field, so an operator can open the file and fix it.
 */
export function invalidReferenceFile(
  file: string,
  problem: string,
  where: ReferenceFileLocation = {},
): AppError {
  const parts = [
    file,
    where.line === undefined ? undefined : `line ${where.line}`,
    where.location,
    where.field === undefined ? undefined : `field ${where.field}`,
  ].filter((part) => part !== undefined);
  return new AppError('reference_file_invalid', `${parts.join(', ')}: ${problem}`, {
    file,
    ...where,
  });
}

/** The first zod issue of a row as a reference-file error, quoting the offending value. */
export function invalidRowError(
  file: string,
  issues: readonly z.core.$ZodIssue[],
  row: Record<string, unknown>,
  where: Omit<ReferenceFileLocation, 'field'>,
): AppError {
  const issue = issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  const value = field === undefined ? undefined : valueAt(row, issue?.path ?? []);
  const shown =
    value === undefined ? 'the value is missing' : `got ${JSON.stringify(value)}`.slice(0, 120);
  return invalidReferenceFile(file, `${issue?.message ?? 'invalid row'} (${shown})`, {
    ...where,
    ...(field === undefined ? {} : { field }),
  });
}

function valueAt(row: unknown, path: readonly PropertyKey[]): unknown {
  let value = row;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
