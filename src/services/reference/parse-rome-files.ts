import { z } from 'zod';
import {
  detectCsvFormat,
  parseCsvRecords,
  validateCsvRecords,
  type CsvRecord,
} from './read-reference-csv.ts';
import { invalidReferenceFile } from './reference-file-error.ts';

/** The files of France Travail's RefRomeCsv export that the import reads. */
export type RomeFileKind = 'fiches' | 'appellations' | 'domaines';

/** Human names of the ROME files, for messages and summaries. */
export const ROME_FILE_DESCRIPTIONS: Record<RomeFileKind, string> = {
  fiches: 'fiches métier (unix_referentiel_code_rome_*.csv)',
  appellations: 'appellations (unix_referentiel_appellation_*.csv)',
  domaines: 'grands domaines and domaines professionnels (cr_gd_dp_*.csv)',
};

/**
 * Headers that identify each file. The appellation file also has `code_rome` and the flags,
 * and the mapping file also has `libelle_rome`, so each signature holds a column the others
 * lack; the appellation signature is tried first.
 */
const ROME_SIGNATURES = [
  {
    kind: 'appellations',
    columns: ['code_ogr', 'libelle_appellation_long', 'libelle_appellation_court', 'code_rome'],
  },
  {
    kind: 'domaines',
    columns: [
      'code_rome',
      'code_grand_domaine',
      'libelle_grand_domaine',
      'code_domaine_professionel',
      'libelle_domaine_professionel',
    ],
  },
  {
    kind: 'fiches',
    columns: ['code_rome', 'libelle_rome', 'emploi_cadre', 'emploi_reglemente'],
  },
] as const;

export type RomeFiche = {
  line: number;
  code: string;
  label: string;
  domaineCode: string;
  isManagerial: boolean;
  isRegulated: boolean;
};

export type RomeAppellation = {
  line: number;
  codeOgr: string;
  label: string;
  shortLabel: string;
  romeCode: string;
  isMain: boolean;
  isRare: boolean;
};

export type RomeGrandDomaine = { code: string; label: string };
export type RomeDomaine = { line: number; code: string; grandDomaineCode: string; label: string };

/** One parsed file of the export, by kind. */
export type RomeFile = { file: string } & (
  | { kind: 'fiches'; fiches: RomeFiche[] }
  | { kind: 'appellations'; appellations: RomeAppellation[] }
  | { kind: 'domaines'; grandsDomaines: RomeGrandDomaine[]; domaines: RomeDomaine[] }
);

const romeCode = z
  .string()
  .trim()
  .regex(/^[A-N]\d{4}$/, 'expected a ROME code such as M1805');
const label = z.string().trim().min(1, 'must not be empty');
/** France Travail's flags: O (oui), N (non), or empty when not assessed — read as no. */
const flag = z
  .string()
  .trim()
  .toUpperCase()
  .pipe(z.enum(['O', 'N', ''], { error: 'expected O, N or nothing' }))
  .transform((value) => value === 'O');

const ficheSchema = z.object({
  code_rome: romeCode,
  libelle_rome: label,
  emploi_cadre: flag,
  emploi_reglemente: flag,
});

const appellationSchema = z.object({
  code_ogr: z.string().trim().regex(/^\d+$/, 'expected a numeric OGR code'),
  libelle_appellation_long: label,
  libelle_appellation_court: z.string().trim(),
  code_rome: romeCode,
  classification: z.string().trim().toUpperCase(),
  peu_usite: flag.optional(),
});

const domaineSchema = z
  .object({
    code_rome: romeCode,
    code_grand_domaine: z
      .string()
      .trim()
      .regex(/^[A-N]$/, 'expected a grand domaine letter A to N'),
    libelle_grand_domaine: label,
    code_domaine_professionel: z
      .string()
      .trim()
      .regex(/^[A-N]\d{2}$/, 'expected a domaine professionnel code such as M18'),
    libelle_domaine_professionel: label,
  })
  // The hierarchy is written in the codes themselves: M1805 is in domaine M18, grand domaine M.
  .refine((row) => row.code_grand_domaine === row.code_rome.slice(0, 1), {
    path: ['code_grand_domaine'],
    message: 'does not match the first letter of code_rome',
  })
  .refine((row) => row.code_domaine_professionel === row.code_rome.slice(0, 3), {
    path: ['code_domaine_professionel'],
    message: 'does not match the first three characters of code_rome',
  });

/** Which file of the ROME export this is, from its header; `undefined` if none. */
export function detectRomeFile(content: string): RomeFileKind | undefined {
  return detectCsvFormat(content, ROME_SIGNATURES)?.kind;
}

/**
 * Parses one file of the RefRomeCsv export, recognised by its header (not its name). Pure:
 * every row is validated, codes are checked against the hierarchy they encode, and a code
 * listed twice is an error naming both lines.
 */
export function parseRomeFile(file: string, content: string): RomeFile {
  const detected = detectCsvFormat(content, ROME_SIGNATURES);
  if (!detected) {
    throw invalidReferenceFile(
      file,
      'not a file of the ROME export: expected the header of ' +
        Object.values(ROME_FILE_DESCRIPTIONS).join(', or of '),
      { line: 1 },
    );
  }
  const records = parseCsvRecords(file, content, detected.delimiter);
  switch (detected.kind) {
    case 'fiches':
      return { file, kind: 'fiches', fiches: parseFiches(file, records) };
    case 'appellations':
      return { file, kind: 'appellations', appellations: parseAppellations(file, records) };
    case 'domaines':
      return { file, kind: 'domaines', ...parseDomaines(file, records) };
  }
}

function parseFiches(file: string, records: readonly CsvRecord[]) {
  const seen = new Map<string, number>();
  return validateCsvRecords(file, records, ficheSchema).map(({ line, row }): RomeFiche => {
    rejectDuplicate(file, seen, row.code_rome, line, 'code_rome');
    return {
      line,
      code: row.code_rome,
      label: row.libelle_rome,
      domaineCode: row.code_rome.slice(0, 3),
      isManagerial: row.emploi_cadre,
      isRegulated: row.emploi_reglemente,
    };
  });
}

function parseAppellations(file: string, records: readonly CsvRecord[]) {
  const seen = new Map<string, number>();
  return validateCsvRecords(file, records, appellationSchema).map(
    ({ line, row }): RomeAppellation => {
      rejectDuplicate(file, seen, row.code_ogr, line, 'code_ogr');
      return {
        line,
        codeOgr: row.code_ogr,
        label: row.libelle_appellation_long,
        // The short label is what fits a chip; the export always fills it, the long one is safe.
        shortLabel: row.libelle_appellation_court || row.libelle_appellation_long,
        romeCode: row.code_rome,
        isMain: row.classification === 'PRINCIPALE',
        isRare: row.peu_usite ?? false,
      };
    },
  );
}

function parseDomaines(file: string, records: readonly CsvRecord[]) {
  const grandsDomaines = new Map<string, RomeGrandDomaine & { line: number }>();
  const domaines = new Map<string, RomeDomaine>();
  const seen = new Map<string, number>();
  for (const { line, row } of validateCsvRecords(file, records, domaineSchema)) {
    rejectDuplicate(file, seen, row.code_rome, line, 'code_rome');
    const grandDomaine = { line, code: row.code_grand_domaine, label: row.libelle_grand_domaine };
    rejectConflict(file, grandsDomaines.get(grandDomaine.code), grandDomaine, {
      line,
      field: 'libelle_grand_domaine',
    });
    grandsDomaines.set(grandDomaine.code, grandsDomaines.get(grandDomaine.code) ?? grandDomaine);
    const domaine = {
      line,
      code: row.code_domaine_professionel,
      grandDomaineCode: row.code_grand_domaine,
      label: row.libelle_domaine_professionel,
    };
    rejectConflict(file, domaines.get(domaine.code), domaine, {
      line,
      field: 'libelle_domaine_professionel',
    });
    domaines.set(domaine.code, domaines.get(domaine.code) ?? domaine);
  }
  return {
    grandsDomaines: [...grandsDomaines.values()].map(({ code, label }) => ({ code, label })),
    domaines: [...domaines.values()],
  };
}

function rejectDuplicate(
  file: string,
  seen: Map<string, number>,
  code: string,
  line: number,
  field: string,
): void {
  const firstLine = seen.get(code);
  if (firstLine !== undefined) {
    throw invalidReferenceFile(file, `${code} is listed twice (first on line ${firstLine})`, {
      line,
      field,
    });
  }
  seen.set(code, line);
}

/** Every row repeats its domaine's label: they must agree, or the file contradicts itself. */
function rejectConflict(
  file: string,
  first: { line: number; code: string; label: string } | undefined,
  next: { code: string; label: string },
  where: { line: number; field: string },
): void {
  if (first && first.label !== next.label) {
    throw invalidReferenceFile(
      file,
      `${next.code} is labelled ${JSON.stringify(next.label)} here but ` +
        `${JSON.stringify(first.label)} on line ${first.line}`,
      where,
    );
  }
}
