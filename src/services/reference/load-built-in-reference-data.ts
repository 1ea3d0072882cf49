import { createRequire } from 'node:module';
import type { Executor } from '../../db/client.ts';
import {
  countReferenceRows,
  insertCommunes,
  insertEpcis,
  insertNafCodes,
  upsertRomeGrandsDomaines,
  type CommuneRow,
  type NafRow,
} from '../../db/repositories/reference-repository.ts';
import { NAF_SECTIONS, nafSectionOfDivision } from './naf-sections.ts';
import { ROME_GRANDS_DOMAINES } from './rome-grands-domaines.ts';

const require = createRequire(import.meta.url);

type PackageCommune = {
  code: string;
  nom: string;
  type: string;
  commune?: string;
  departement: string;
  region?: string;
  codesPostaux?: string[];
  population?: number;
};
type PackageEpci = { code: string; nom: string; membres: { code: string }[] };
type PackageNaf = { id: string; label: string };

/** What the built-in loader wrote, by table. */
export type BuiltInReferenceSummary = { communes: number; epcis: number; nafCodes: number };

/**
 * Loads the reference data that ships with the product's npm dependencies: communes and
 * municipal arrondissements with their EPCI (`@etalab/decoupage-administratif`), NAF rév. 2
 * (`@socialgouv/codes-naf` plus the built-in sections) and the 14 ROME grands domaines.
 * Idempotent: rows already present are kept, so running it at every start-up is cheap.
 */
export async function loadBuiltInReferenceData(db: Executor): Promise<BuiltInReferenceSummary> {
  const before = await countReferenceRows(db);
  await upsertRomeGrandsDomaines(db, ROME_GRANDS_DOMAINES);
  const naf = before.naf_codes > 0 ? [] : buildNafRows();
  await insertNafCodes(db, naf);
  let communeRows: CommuneRow[] = [];
  let epciRows: { code: string; name: string }[] = [];
  if (before.communes === 0) {
    const epciList = require('@etalab/decoupage-administratif/data/epci.json') as PackageEpci[];
    const communeList =
      require('@etalab/decoupage-administratif/data/communes.json') as PackageCommune[];
    epciRows = epciList.map((epci) => ({ code: epci.code, name: epci.nom }));
    communeRows = buildCommuneRows(communeList, epciList);
    await insertEpcis(db, epciRows);
    await insertCommunes(db, communeRows);
  }
  return { communes: communeRows.length, epcis: epciRows.length, nafCodes: naf.length };
}

/** The five NAF levels with parent links; the level follows from the code's shape. */
export function buildNafRows(): NafRow[] {
  const packageCodes = require('@socialgouv/codes-naf/index.json') as PackageNaf[];
  const rows: NafRow[] = NAF_SECTIONS.map((section) => ({
    code: section.code,
    level: 'section',
    label: section.label,
    parentCode: null,
  }));
  for (const { id, label } of packageCodes) {
    if (/^\d{2}$/.test(id)) {
      rows.push({
        code: id,
        level: 'division',
        label,
        parentCode: nafSectionOfDivision(id) ?? null,
      });
    } else if (/^\d{2}\.\d$/.test(id)) {
      rows.push({ code: id, level: 'groupe', label, parentCode: id.slice(0, 2) });
    } else if (/^\d{2}\.\d{2}$/.test(id)) {
      rows.push({ code: id, level: 'classe', label, parentCode: id.slice(0, 4) });
    } else if (/^\d{2}\.\d{2}[A-Z]$/.test(id)) {
      rows.push({ code: id, level: 'sous_classe', label, parentCode: id.slice(0, 5) });
    }
  }
  return rows;
}

function buildCommuneRows(list: PackageCommune[], epciList: PackageEpci[]): CommuneRow[] {
  const epciOfCommune = new Map<string, string>();
  for (const epci of epciList) {
    for (const member of epci.membres) epciOfCommune.set(member.code, epci.code);
  }
  const rows: CommuneRow[] = [];
  for (const commune of list) {
    const isArrondissement = commune.type === 'arrondissement-municipal';
    if (!isArrondissement && commune.type !== 'commune-actuelle') continue;
    const parentCode = isArrondissement ? (commune.commune ?? null) : null;
    rows.push({
      code: commune.code,
      name: commune.nom,
      kind: isArrondissement ? 'arrondissement' : 'commune',
      parentCode,
      departement: commune.departement,
      region: commune.region ?? null,
      epciCode: epciOfCommune.get(parentCode ?? commune.code) ?? null,
      postalCodes: commune.codesPostaux ?? [],
      population: commune.population ?? null,
    });
  }
  return rows;
}
