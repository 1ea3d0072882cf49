import { describe, expect, it } from 'vitest';
import { isAppError } from '../../domain/errors.ts';
import {
  detectCsvFormat,
  normaliseColumnName,
  parseCsvRecords,
  validateCsvRecords,
} from './read-reference-csv.ts';
import { z } from 'zod';

const signatures = [
  { kind: 'qpv', columns: ['code_qp', 'insee_com'] },
  { kind: 'domaines', columns: ['code_domaine_professionel'] },
] as const;

function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('detectCsvFormat', () => {
  it('recognises a header whatever the delimiter, case, BOM or column order', () => {
    expect(detectCsvFormat('insee_com,code_qp\n13055,QN01301M\n', signatures)).toEqual({
      kind: 'qpv',
      delimiter: ',',
    });
    expect(detectCsvFormat('\uFEFF"CODE_QP";"Insee_Com"\n', signatures)).toEqual({
      kind: 'qpv',
      delimiter: ';',
    });
    expect(detectCsvFormat('code_qp\tinsee_com\n', signatures)?.delimiter).toBe('\t');
  });

  it('reads the corrected spelling of the export’s "professionel" as the same column', () => {
    expect(normaliseColumnName(' Code_Domaine_Professionnel ')).toBe('code_domaine_professionel');
    expect(detectCsvFormat('code_domaine_professionnel\n', signatures)?.kind).toBe('domaines');
  });

  it('answers undefined for an unknown header', () => {
    expect(detectCsvFormat('a,b\n1,2\n', signatures)).toBeUndefined();
    expect(detectCsvFormat('', signatures)).toBeUndefined();
  });
});

describe('parseCsvRecords', () => {
  it('keys records by normalised column and numbers them by the line they end on', () => {
    const records = parseCsvRecords('f.csv', 'A,B\n1,2\n"x\ny",3\n\n4,5\n', ',');
    expect(records).toEqual([
      { line: 2, values: { a: '1', b: '2' } },
      { line: 4, values: { a: 'x\ny', b: '3' } },
      { line: 6, values: { a: '4', b: '5' } },
    ]);
  });

  it('turns malformed CSV into a reference_file_invalid error naming the file and line', () => {
    const error = errorOf(() => parseCsvRecords('f.csv', 'a,b\n1,2\n3\n', ','));
    expect(isAppError(error, 'reference_file_invalid')).toBe(true);
    expect((error as Error).message).toMatch(/^f\.csv, line 3: not readable as CSV: /);
    const unclosed = errorOf(() => parseCsvRecords('g.csv', 'a,b\n"1,2\n', ','));
    expect((unclosed as Error).message).toMatch(/^g\.csv, line 2: .*Quote Not Closed/);
  });
});

describe('validateCsvRecords', () => {
  it('names the line, the field and the value of the first invalid record', () => {
    const schema = z.object({ code: z.string().regex(/^\d{5}$/, 'expected five digits') });
    const records = parseCsvRecords('c.csv', 'code\n13055\n1305\n', ',');
    const error = errorOf(() => validateCsvRecords('c.csv', records, schema));
    expect((error as Error).message).toBe(
      'c.csv, line 3, field code: expected five digits (got "1305")',
    );
    expect((error as { details?: unknown }).details).toEqual({
      file: 'c.csv',
      line: 3,
      field: 'code',
    });
  });
});
