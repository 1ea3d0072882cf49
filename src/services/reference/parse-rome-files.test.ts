import fs from 'node:fs';
import { messageOfAppError } from '../../../test/support/errors.ts';
import { describe, expect, it } from 'vitest';
import { detectRomeFile, parseRomeFile, type RomeFile } from './parse-rome-files.ts';

const romeFolder = new URL('../../../../shared/data/fr/rome/', import.meta.url);
const read = (name: string) => fs.readFileSync(new URL(name, romeFolder), 'utf8');

const FICHES = 'unix_referentiel_code_rome_v460_utf8.csv';
const APPELLATIONS = 'unix_referentiel_appellation_v460_utf8.csv';
const DOMAINES = 'cr_gd_dp_v4_utf8.csv';

function parsed<Kind extends RomeFile['kind']>(kind: Kind, name: string) {
  const file = parseRomeFile(name, read(name));
  expect(file.kind).toBe(kind);
  return file as Extract<RomeFile, { kind: Kind }>;
}

const messageOf = (run: () => unknown) => messageOfAppError(run, 'reference_file_invalid');

/** The first lines of a real file, with one line replaced: a small malformed fixture. */
function withLine(name: string, lineNumber: number, text: string, keep = 5): string {
  const lines = read(name).split('\n').slice(0, keep);
  lines[lineNumber - 1] = text;
  return lines.join('\n');
}

describe('parseRomeFile on the v460 export', () => {
  it('reads the 1,584 fiches, their domaine and their flags', () => {
    const { fiches } = parsed('fiches', FICHES);
    expect(fiches).toHaveLength(1584);
    expect(new Set(fiches.map((fiche) => fiche.code)).size).toBe(1584);
    expect(new Set(fiches.map((fiche) => fiche.domaineCode)).size).toBe(110);
    expect(fiches.find((fiche) => fiche.code === 'K2111')).toMatchObject({
      label: 'Formateur / Formatrice',
      domaineCode: 'K21',
      isManagerial: false,
      isRegulated: false,
    });
    expect(fiches.find((fiche) => fiche.code === 'K2132')).toMatchObject({ isManagerial: true });
    expect(fiches.filter((fiche) => fiche.isManagerial)).toHaveLength(507);
    expect(fiches.filter((fiche) => fiche.isRegulated)).toHaveLength(241);
  });

  it('reads the 13,120 appellations, one main title per fiche, 199 rarely used', () => {
    const { appellations } = parsed('appellations', APPELLATIONS);
    expect(appellations).toHaveLength(13120);
    expect(appellations.filter((appellation) => appellation.isMain)).toHaveLength(1584);
    expect(appellations.filter((appellation) => appellation.isRare)).toHaveLength(199);
    expect(appellations.find((appellation) => appellation.codeOgr === '14153')).toMatchObject({
      label: 'Développeur / Développeuse informatique',
      romeCode: 'M1805',
      isMain: true,
      isRare: false,
    });
    // The official export's typographic apostrophes are kept as published.
    expect(appellations.some((appellation) => appellation.label.includes('’'))).toBe(true);
  });

  it('reads the 14 grands domaines and 110 domaines professionnels of the mapping', () => {
    const { grandsDomaines, domaines } = parsed('domaines', DOMAINES);
    expect(grandsDomaines.map((grandDomaine) => grandDomaine.code)).toEqual([...'ABCDEFGHIJKLMN']);
    expect(domaines).toHaveLength(110);
    expect(domaines.find((domaine) => domaine.code === 'M18')).toMatchObject({
      grandDomaineCode: 'M',
      label: "Systèmes d'information et de télécommunication",
    });
  });

  it('recognises each file by its header, not its name', () => {
    expect(detectRomeFile(read(FICHES))).toBe('fiches');
    expect(detectRomeFile(read(APPELLATIONS))).toBe('appellations');
    expect(detectRomeFile(read(DOMAINES))).toBe('domaines');
    expect(detectRomeFile(read('rome_grands_domaines.csv'))).toBeUndefined();
    expect(parseRomeFile('renamed.csv', read(FICHES)).kind).toBe('fiches');
  });
});

describe('parseRomeFile on malformed files', () => {
  it('names the file, the line and the field of an invalid code', () => {
    const content = withLine(FICHES, 4, '"A12","1","1","Bûcheron","","N","N","N","N","A1201"');
    expect(messageOf(() => parseRomeFile('fiches.csv', content))).toBe(
      'fiches.csv, line 4, field code_rome: expected a ROME code such as M1805 (got "A12")',
    );
  });

  it('refuses an unknown flag value', () => {
    const content = withLine(
      APPELLATIONS,
      3,
      read(APPELLATIONS).split('\n')[2]!.replace(/"N"$/, '"X"'),
    );
    expect(messageOf(() => parseRomeFile('app.csv', content))).toBe(
      'app.csv, line 3, field peu_usite: expected O, N or nothing (got "X")',
    );
  });

  it('refuses a code listed twice, naming both lines', () => {
    const lines = read(FICHES).split('\n').slice(0, 4);
    const content = [...lines, lines[2]].join('\n');
    expect(messageOf(() => parseRomeFile('fiches.csv', content))).toBe(
      'fiches.csv, line 5, field code_rome: A1102 is listed twice (first on line 3)',
    );
  });

  it('refuses a domaine that contradicts the fiche code', () => {
    const line = read(DOMAINES).split('\n')[1]!.replace('"A","Agriculture', '"B","Agriculture');
    expect(messageOf(() => parseRomeFile('gd.csv', withLine(DOMAINES, 2, line)))).toMatch(
      /^gd\.csv, line 2, field code_grand_domaine: does not match the first letter of code_rome/,
    );
  });

  it('refuses a domaine labelled two ways', () => {
    const line = read(DOMAINES).split('\n')[2]!.replace('Engins agricoles', 'Engins');
    expect(messageOf(() => parseRomeFile('gd.csv', withLine(DOMAINES, 3, line)))).toMatch(
      /^gd\.csv, line 3, field libelle_domaine_professionel: A11 is labelled "Engins et forestiers" here but "Engins agricoles et forestiers" on line 2$/,
    );
  });

  it('refuses a row with a missing field and an unknown header', () => {
    expect(
      messageOf(() => parseRomeFile('fiches.csv', withLine(FICHES, 2, '"A1101","11"'))),
    ).toMatch(/^fiches\.csv, line 2: not readable as CSV: Invalid Record Length/);
    expect(messageOf(() => parseRomeFile('x.csv', 'a,b\n1,2\n'))).toMatch(
      /^x\.csv, line 1: not a file of the ROME export/,
    );
  });
});
