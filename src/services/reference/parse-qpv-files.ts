import { z } from 'zod';
import { isFeatureCollection, looksLikeJson, readFeatures } from './read-geojson.ts';
import { detectCsvFormat, parseCsvRecords, validateCsvRecords } from './read-reference-csv.ts';
import {
  invalidReferenceFile,
  invalidRowError,
  type ReferenceFileLocation,
} from './reference-file-error.ts';

/** One (QPV, commune) statement of a file, with where it was read. */
export type QpvEntry = {
  code: string;
  name: string;
  communeCode: string;
  file: string;
  where: Omit<ReferenceFileLocation, 'field'>;
};

/** The QPV and their communes, merged from one or more files. */
export type QpvList = {
  qpvs: { code: string; name: string }[];
  links: { qpvCode: string; communeCode: string }[];
};

/** The QPV 2024 code: QN, the département (3 characters), a number, then M, I, N or C. */
const qpvCode = z
  .string()
  .trim()
  .regex(/^QN(\d{3}|02[AB])\d{2}[MINC]$/, 'expected a QPV 2024 code such as QN01313M');
const communeCode = z
  .string()
  .trim()
  .regex(/^(\d{5}|2[AB]\d{3})$/, 'expected an INSEE commune code such as 13055');
const name = z.string().trim().min(1, 'must not be empty');

const csvRowSchema = z.object({ code_qp: qpvCode, lib_qp: name, insee_com: communeCode });

/** One code of a feature's comma-separated list, checked where it sits in the feature. */
const qpvCodeProperty = z.object({ properties: z.object({ code_qp: qpvCode }) });

/** A feature of ANCT's per-commune layer: the QPV of a commune, as comma-separated lists. */
const featureSchema = z.object({
  properties: z.object({
    insee_com: communeCode,
    code_qp: z.string().trim().min(1, 'must not be empty'),
    lib_qp: z.string().trim().min(1, 'must not be empty'),
  }),
});

const QPV_LIST_SIGNATURE = [{ kind: 'list', columns: ['code_qp', 'lib_qp', 'insee_com'] }] as const;

/** The kinds of QPV file, with names for summaries. */
export const QPV_FILE_DESCRIPTIONS = {
  list: 'QPV list (CSV)',
  geojson: 'QPV by commune (GeoJSON)',
} as const;

/**
 * Which kind of ANCT QPV file this is, `undefined` if neither: a CSV recognised by its header,
 * or a FeatureCollection whose first feature has `code_qp` and `insee_com` properties.
 */
export function detectQpvFile(content: string): keyof typeof QPV_FILE_DESCRIPTIONS | undefined {
  if (!looksLikeJson(content)) return detectCsvFormat(content, QPV_LIST_SIGNATURE)?.kind;
  let document: unknown;
  try {
    document = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  if (!isFeatureCollection(document)) return undefined;
  const first = z
    .object({ properties: z.object({ code_qp: z.unknown(), insee_com: z.unknown() }) })
    .safeParse(document.features[0]);
  return first.success ? 'geojson' : undefined;
}

/**
 * Reads one ANCT QPV file: the QPV 2024 list as CSV (one row per QPV and commune, columns
 * `code_qp`, `lib_qp`, `insee_com`), or the GeoJSON layer with one feature per commune whose
 * `code_qp` and `lib_qp` are comma-separated lists in the same order.
 */
export function parseQpvFile(file: string, content: string): QpvEntry[] {
  if (looksLikeJson(content)) return parseQpvGeojson(file, content);
  const detected = detectCsvFormat(content, QPV_LIST_SIGNATURE);
  if (!detected) {
    throw invalidReferenceFile(
      file,
      'not an ANCT QPV list: expected a CSV header with code_qp, lib_qp and insee_com, ' +
        'or a GeoJSON FeatureCollection',
      { line: 1 },
    );
  }
  const records = parseCsvRecords(file, content, detected.delimiter);
  return validateCsvRecords(file, records, csvRowSchema).map(({ line, row }) => ({
    code: row.code_qp,
    name: row.lib_qp,
    communeCode: row.insee_com,
    file,
    where: { line },
  }));
}

function parseQpvGeojson(file: string, content: string): QpvEntry[] {
  const features = readFeatures(file, content);
  const entries: QpvEntry[] = [];
  features.forEach((feature, index) => {
    const location = `features[${index}]`;
    const parsed = featureSchema.safeParse(feature);
    if (!parsed.success) {
      throw invalidRowError(file, parsed.error.issues, toRecord(feature), { location });
    }
    const { insee_com, code_qp, lib_qp } = parsed.data.properties;
    const codes = code_qp.split(',').map((code) => code.trim());
    // Names are split on the same commas: a name holding a comma would shift every pair after it,
    // so a count mismatch is refused rather than guessed at.
    const names = lib_qp.split(',').map((text) => text.trim());
    if (codes.length !== names.length) {
      throw invalidReferenceFile(
        file,
        `${codes.length} QPV codes but ${names.length} names: cannot pair them`,
        { location, field: 'properties.lib_qp' },
      );
    }
    codes.forEach((code, position) => {
      const checked = qpvCodeProperty.safeParse({ properties: { code_qp: code } });
      if (!checked.success) {
        throw invalidRowError(
          file,
          checked.error.issues,
          { properties: { code_qp: code } },
          { location },
        );
      }
      entries.push({
        code: checked.data.properties.code_qp,
        name: names[position] ?? '',
        communeCode: insee_com,
        file,
        where: { location },
      });
    });
  });
  return entries;
}

function toRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/**
 * Merges the entries of one or more files into QPV and (QPV, commune) links. The same QPV
 * appears once per commune it spans; its name must be the same everywhere.
 */
export function collectQpvList(entries: readonly QpvEntry[]): QpvList {
  const qpvs = new Map<string, QpvEntry>();
  const links = new Map<string, { qpvCode: string; communeCode: string }>();
  for (const entry of entries) {
    const first = qpvs.get(entry.code);
    if (first && first.name !== entry.name) {
      const firstPlace = [
        first.file === entry.file ? undefined : first.file,
        first.where.line === undefined ? undefined : `line ${first.where.line}`,
        first.where.location,
      ]
        .filter((part) => part !== undefined)
        .join(', ');
      throw invalidReferenceFile(
        entry.file,
        `${entry.code} is named ${JSON.stringify(entry.name)} here but ` +
          `${JSON.stringify(first.name)} in ${firstPlace}`,
        { ...entry.where, field: 'lib_qp' },
      );
    }
    if (!first) qpvs.set(entry.code, entry);
    links.set(`${entry.code} ${entry.communeCode}`, {
      qpvCode: entry.code,
      communeCode: entry.communeCode,
    });
  }
  return {
    qpvs: [...qpvs.values()].map(({ code, name: qpvName }) => ({ code, name: qpvName })),
    links: [...links.values()],
  };
}
