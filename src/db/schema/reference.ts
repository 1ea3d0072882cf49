import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
} from 'drizzle-orm/pg-core';
import { communeKindEnum, nafLevelEnum } from './enums.ts';

/** The 14 ROME grands domaines (A–N). */
export const romeGrandsDomaines = pgTable('rome_grands_domaines', {
  code: text().primaryKey(),
  label: text().notNull(),
});

/** The ~110 ROME domaines professionnels (e.g. D12 "Commerce alimentaire…"). */
export const romeDomaines = pgTable('rome_domaines', {
  code: text().primaryKey(),
  grandDomaineCode: text()
    .notNull()
    .references(() => romeGrandsDomaines.code),
  label: text().notNull(),
});

/** ROME fiches métier (e.g. M1805). */
export const romeOccupations = pgTable(
  'rome_occupations',
  {
    code: text().primaryKey(),
    label: text().notNull(),
    domaineCode: text()
      .notNull()
      .references(() => romeDomaines.code),
    isManagerial: boolean().notNull().default(false),
    isRegulated: boolean().notNull().default(false),
  },
  (t) => [index().on(t.domaineCode)],
);

/** ROME appellations: the job titles people actually type, each tied to one fiche. */
export const romeAppellations = pgTable(
  'rome_appellations',
  {
    codeOgr: text().primaryKey(),
    label: text().notNull(),
    shortLabel: text().notNull(),
    romeCode: text()
      .notNull()
      .references(() => romeOccupations.code),
    isMain: boolean().notNull().default(false),
    isRare: boolean().notNull().default(false),
  },
  (t) => [index().on(t.romeCode)],
);

/** NAF rév. 2, all five levels, each pointing at its parent. Codes in INSEE dotted form. */
export const nafCodes = pgTable(
  'naf_codes',
  {
    code: text().primaryKey(),
    level: nafLevelEnum().notNull(),
    label: text().notNull(),
    parentCode: text(),
  },
  (t) => [index().on(t.parentCode)],
);

/** EPCI (intercommunalités), e.g. 200054807 Métropole d'Aix-Marseille-Provence. */
export const epcis = pgTable('epcis', {
  code: text().primaryKey(),
  name: text().notNull(),
});

/**
 * Communes and municipal arrondissements (Marseille 13201–13216 have `parentCode` 13055).
 * Coordinates are optional: imported separately, geography falls back to the hierarchy.
 */
export const communes = pgTable(
  'communes',
  {
    code: text().primaryKey(),
    name: text().notNull(),
    kind: communeKindEnum().notNull(),
    parentCode: text(),
    departement: text().notNull(),
    region: text(),
    epciCode: text(),
    postalCodes: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    population: integer(),
    latitude: doublePrecision(),
    longitude: doublePrecision(),
  },
  (t) => [index().on(t.departement), index().on(t.epciCode), index().on(t.parentCode)],
);

/** Quartiers prioritaires de la politique de la ville (géographie 2024). */
export const qpvs = pgTable('qpvs', {
  code: text().primaryKey(),
  name: text().notNull(),
});

/** Which communes a QPV lies in (a QPV may span several). */
export const qpvCommunes = pgTable(
  'qpv_communes',
  {
    qpvCode: text()
      .notNull()
      .references(() => qpvs.code, { onDelete: 'cascade' }),
    communeCode: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.qpvCode, t.communeCode] }), index().on(t.communeCode)],
);
