import { startImportSummary } from './reference-import-summary.ts';
import type { Executor } from '../../db/client.ts';
import {
  listRomeDomaineCodes,
  listRomeOccupationCodes,
  upsertRomeAppellations,
  upsertRomeDomaines,
  upsertRomeGrandsDomaines,
  upsertRomeOccupations,
} from '../../db/repositories/reference-repository.ts';
import {
  detectRomeFile,
  parseRomeFile,
  ROME_FILE_DESCRIPTIONS,
  type RomeFile,
  type RomeFileKind,
} from './parse-rome-files.ts';
import { readReferenceFiles } from './read-reference-files.ts';
import { invalidReferenceFile } from './reference-file-error.ts';
import type { ReferenceImportSummary, TableChanges } from './reference-import-summary.ts';

export type ImportRomeReferentialOptions = {
  /** Files of France Travail's RefRomeCsv export, or folders holding them. */
  paths: readonly string[];
};

type RomeFiles = Partial<{ [Kind in RomeFileKind]: Extract<RomeFile, { kind: Kind }> }>;

/**
 * Imports the ROME referential from France Travail's RefRomeCsv export: grands domaines and
 * domaines professionnels (`cr_gd_dp_*.csv`), fiches métier (`unix_referentiel_code_rome_*`)
 * and appellations (`unix_referentiel_appellation_*`). Files are recognised by their header;
 * other files of a given folder are skipped. Any subset may be given, as long as what it
 * refers to is in the files or already in the database. Everything is written in one
 * transaction, so a bad file leaves the database as it was; re-importing changes nothing.
 */
export async function importRomeReferential(
  db: Executor,
  options: ImportRomeReferentialOptions,
): Promise<ReferenceImportSummary> {
  const started = performance.now();
  const romeFiles: RomeFiles = {};
  const summary = startImportSummary();
  for (const file of await readReferenceFiles(options.paths, ['.csv'])) {
    if (file.isFromFolder && detectRomeFile(file.content) === undefined) {
      summary.skipped.push(file.name);
      continue;
    }
    const parsed = parseRomeFile(file.name, file.content);
    const previous = romeFiles[parsed.kind];
    if (previous) {
      throw invalidReferenceFile(
        file.name,
        `${previous.file} was already read as the ${ROME_FILE_DESCRIPTIONS[parsed.kind]}; ` +
          'give one file of each kind',
      );
    }
    Object.assign(romeFiles, { [parsed.kind]: parsed });
    summary.files.push({ name: file.name, readAs: ROME_FILE_DESCRIPTIONS[parsed.kind] });
  }
  if (summary.files.length === 0) {
    throw invalidReferenceFile(
      options.paths.join(', '),
      `no file of the ROME export found; expected ${Object.values(ROME_FILE_DESCRIPTIONS).join(', ')}`,
    );
  }
  summary.tables = await db.transaction((tx) => writeRomeFiles(tx, romeFiles));
  summary.elapsedMs = performance.now() - started;
  return summary;
}

async function writeRomeFiles(tx: Executor, files: RomeFiles): Promise<TableChanges[]> {
  const tables: TableChanges[] = [];
  if (files.domaines) {
    const grandsDomaines = await upsertRomeGrandsDomaines(tx, files.domaines.grandsDomaines);
    tables.push({ table: 'rome_grands_domaines', ...grandsDomaines });
    const domaines = await upsertRomeDomaines(
      tx,
      files.domaines.domaines.map(({ code, grandDomaineCode, label }) => ({
        code,
        grandDomaineCode,
        label,
      })),
    );
    tables.push({ table: 'rome_domaines', ...domaines });
  }
  if (files.fiches) {
    // Checked here rather than left to the foreign key, to name the line that refers to it.
    const knownDomaines = new Set(await listRomeDomaineCodes(tx));
    const orphan = files.fiches.fiches.find((fiche) => !knownDomaines.has(fiche.domaineCode));
    if (orphan) {
      throw invalidReferenceFile(
        files.fiches.file,
        `fiche ${orphan.code} belongs to domaine professionnel ${orphan.domaineCode}, which is ` +
          `not in the database: import the ${ROME_FILE_DESCRIPTIONS.domaines} with it`,
        { line: orphan.line, field: 'code_rome' },
      );
    }
    const occupations = await upsertRomeOccupations(
      tx,
      files.fiches.fiches.map(({ code, label, domaineCode, isManagerial, isRegulated }) => ({
        code,
        label,
        domaineCode,
        isManagerial,
        isRegulated,
      })),
    );
    tables.push({ table: 'rome_occupations', ...occupations });
  }
  if (files.appellations) {
    const knownOccupations = new Set(await listRomeOccupationCodes(tx));
    const orphan = files.appellations.appellations.find(
      (appellation) => !knownOccupations.has(appellation.romeCode),
    );
    if (orphan) {
      throw invalidReferenceFile(
        files.appellations.file,
        `appellation ${orphan.codeOgr} belongs to fiche ${orphan.romeCode}, which is not in ` +
          `the database: import the ${ROME_FILE_DESCRIPTIONS.fiches} with it`,
        { line: orphan.line, field: 'code_rome' },
      );
    }
    const appellations = await upsertRomeAppellations(
      tx,
      files.appellations.appellations.map(
        ({ codeOgr, label, shortLabel, romeCode, isMain, isRare }) => ({
          codeOgr,
          label,
          shortLabel,
          romeCode,
          isMain,
          isRare,
        }),
      ),
    );
    tables.push({ table: 'rome_appellations', ...appellations });
  }
  return tables;
}
