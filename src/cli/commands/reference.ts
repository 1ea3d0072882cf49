import type { Command } from 'commander';
import { z } from 'zod';
import { describeDatabase } from '../../config/config.ts';
import type { Executor } from '../../db/client.ts';
import {
  getReferenceStatus,
  type ReferenceStatus,
} from '../../services/reference/get-reference-status.ts';
import { importCommuneCoordinates } from '../../services/reference/import-commune-coordinates.ts';
import { importQpvList } from '../../services/reference/import-qpv-list.ts';
import { importRomeReferential } from '../../services/reference/import-rome-referential.ts';
import type { ReferenceImportSummary } from '../../services/reference/reference-import-summary.ts';
import { CliError, withDatabase } from '../context.ts';

type ImportKind = {
  title: string;
  run: (db: Executor, paths: readonly string[]) => Promise<ReferenceImportSummary>;
};

/** The kinds of `reference import`; `geo` is a short alias of `communes-coordinates`. */
const IMPORT_KINDS = {
  rome: {
    title: 'ROME referential',
    run: (db, paths) => importRomeReferential(db, { paths }),
  },
  qpv: {
    title: 'QPV 2024 list',
    run: (db, paths) => importQpvList(db, { paths }),
  },
  'communes-coordinates': {
    title: 'commune coordinates',
    run: (db, paths) => importCommuneCoordinates(db, { paths }),
  },
} as const satisfies Record<string, ImportKind>;

const KIND_ALIASES: Record<string, keyof typeof IMPORT_KINDS> = { geo: 'communes-coordinates' };

const kindSchema = z
  .string()
  .transform((kind) => KIND_ALIASES[kind] ?? kind)
  .pipe(
    z.enum(Object.keys(IMPORT_KINDS) as [keyof typeof IMPORT_KINDS], {
      error: (issue) =>
        `unknown kind ${JSON.stringify(issue.input)}: expected rome, qpv or communes-coordinates (geo)`,
    }),
  );

const KINDS_HELP = `
Kinds and the files they read (a folder is read file by file; files are recognised by their
content, and in a folder other files are skipped):
  rome                   France Travail's RefRomeCsv export (UTF-8 edition):
                           unix_referentiel_code_rome_v460_utf8.csv   fiches métier
                           unix_referentiel_appellation_v460_utf8.csv appellations
                           cr_gd_dp_v4_utf8.csv                       grands domaines and domaines
                         fills rome_grands_domaines, rome_domaines, rome_occupations and
                         rome_appellations
  qpv                    ANCT's QPV 2024 list, CSV with code_qp, lib_qp, insee_com (one row per
                         QPV and commune), or the GeoJSON with one feature per commune
                         (code_qp and lib_qp as comma-separated lists); fills qpvs, qpv_communes
  communes-coordinates   (alias: geo) JSON lists of { code, lat, lon } (bare or under "items",
                         like amp_communes.json) or GeoJSON communes with a "code" property
                         (points, or polygons reduced to their area-weighted centroid); sets
                         communes.latitude/longitude, reports codes that are not communes

Each import runs in one transaction: a bad file writes nothing, and its error names the file,
the line and the field. Re-importing the same files changes nothing; a newer edition updates
labels.

Example:
  npx tandem reference import rome ../data/RefRomeCsv
  npx tandem reference import qpv qpv2024_list.csv
  npx tandem reference import geo amp_communes.json`;

/**
 * `tandem reference`: `import <kind> <paths...>` loads an official reference file (ROME, QPV,
 * commune coordinates) and prints what changed; `status` prints the rows of each table.
 */
export function registerReferenceCommand(program: Command): void {
  const reference = program
    .command('reference')
    .description(
      'import official reference files (ROME, QPV, coordinates) and show what is loaded',
    );

  reference
    .command('import')
    .description('import reference files of one kind: rome, qpv or communes-coordinates (geo)')
    .argument('<kind>', 'rome, qpv, communes-coordinates (alias: geo)')
    .argument('<paths...>', 'files, or folders holding them')
    .option('--json', 'print the summary as one JSON object')
    .addHelpText('after', KINDS_HELP)
    .action(async (rawKind: string, paths: string[], options: { json?: boolean }) => {
      const parsedKind = kindSchema.safeParse(rawKind);
      if (!parsedKind.success) {
        throw new CliError(parsedKind.error.issues.map((issue) => issue.message).join('; '));
      }
      const kind = IMPORT_KINDS[parsedKind.data];
      await withDatabase(async (handle, config) => {
        const summary = await kind.run(handle.db, paths);
        if (options.json) {
          console.log(JSON.stringify({ kind: parsedKind.data, ...summary }));
          return;
        }
        console.log(
          `Imported the ${kind.title} in ${(summary.elapsedMs / 1000).toFixed(1)} s ` +
            `(${describeDatabase(config.database)}).`,
        );
        console.log(formatImportSummary(summary));
      });
    });

  reference
    .command('status')
    .description('print how many rows each reference table holds')
    .option('--json', 'print one JSON object instead of a table')
    .action(async (options: { json?: boolean }) => {
      await withDatabase(async (handle) => {
        const status = await getReferenceStatus(handle.db);
        console.log(options.json ? JSON.stringify(status) : formatReferenceStatus(status));
      });
    });
}

/** The files read, a table of changes per database table, then skipped files and warnings. */
export function formatImportSummary(summary: ReferenceImportSummary): string {
  const lines = summary.files.map((file) => `  read     ${file.name}: ${file.readAs}`);
  for (const name of summary.skipped) lines.push(`  skipped  ${name}: not a file of this kind`);
  const header = ['table', 'inserted', 'updated', 'unchanged', 'deleted'];
  const rows = summary.tables.map((table) => [
    table.table,
    String(table.inserted),
    String(table.updated),
    String(table.unchanged),
    table.deleted === undefined ? '' : String(table.deleted),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const align = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  lines.push('', `  ${align(header)}`, ...rows.map((row) => `  ${align(row)}`));
  for (const warning of summary.warnings) lines.push(`  warning: ${warning}`);
  return lines.join('\n');
}

/** The reference tables and their row counts, aligned. */
export function formatReferenceStatus(status: ReferenceStatus): string {
  const entries = Object.entries(status);
  const labelWidth = Math.max(...entries.map(([label]) => label.length));
  const valueWidth = Math.max(...entries.map(([, value]) => String(value).length));
  return entries
    .map(([label, value]) => `${label.padEnd(labelWidth)}  ${String(value).padStart(valueWidth)}`)
    .join('\n');
}
