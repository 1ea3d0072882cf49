import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  businessStageEnum,
  consentMethodEnum,
  consentPurposeEnum,
  genderEnum,
  meetingModeEnum,
  menteeStatusEnum,
  mentorKindEnum,
  mentorStatusEnum,
  partnerKindEnum,
  roleEnum,
  trackEnum,
  userStatusEnum,
} from './enums.ts';
import { communes, nafCodes } from './reference.ts';

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const emptyTextArray = sql`'{}'::text[]`;

/** The hub's own settings: one row (id = 1) per deployment. */
export const hubSettings = pgTable(
  'hub_settings',
  {
    id: smallint().primaryKey().default(1),
    name: text().notNull(),
    legalEntity: text(),
    contactEmail: text(),
    timezone: text().notNull().default('Europe/Paris'),
    defaultLocale: text().notNull().default('fr'),
    proposalDeadlineDays: integer().notNull().default(7),
    silentTandemAlertDays: integer().notNull().default(30),
    checkInMonths: integer()
      .array()
      .notNull()
      .default(sql`'{1,3,6}'::integer[]`),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('hub_settings_singleton', sql`${t.id} = 1`)],
);

/** Partner organisations that refer mentees. */
export const partners = pgTable(
  'partners',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    kind: partnerKindEnum().notNull(),
    siret: text(),
    communeCode: text().references(() => communes.code),
    address: text(),
    email: text(),
    phone: text(),
    isActive: boolean().notNull().default(true),
    createdAt: createdAt(),
    deactivatedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('partners_name_unique').on(sql`lower(${t.name})`)],
);

/** Everyone who signs in or is followed: staff, referrers, mentors and mentees. */
export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text(),
    role: roleEnum().notNull(),
    partnerId: uuid().references(() => partners.id),
    status: userStatusEnum().notNull().default('invited'),
    firstName: text().notNull(),
    lastName: text().notNull(),
    phone: text(),
    locale: text().notNull().default('fr'),
    passwordHash: text(),
    createdAt: createdAt(),
    lastSignInAt: timestamp({ withTimezone: true }),
    erasedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
    index().on(t.role),
    index().on(t.partnerId),
    check(
      'users_referrer_has_partner',
      sql`(${t.role} = 'referrer') = (${t.partnerId} IS NOT NULL)`,
    ),
  ],
);

/**
 * A mentor's profile. `activeTandemCount` is maintained by a trigger on `tandems` and the
 * check below makes capacity a database invariant: two transactions that each add a
 * tandem serialise on this row, and the second fails the check.
 */
export const mentorProfiles = pgTable(
  'mentor_profiles',
  {
    userId: uuid()
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: mentorKindEnum().notNull(),
    status: mentorStatusEnum().notNull().default('applied'),
    capacity: integer().notNull().default(1),
    activeTandemCount: integer().notNull().default(0),
    pausedUntil: date(),
    charterSignedAt: timestamp({ withTimezone: true }),
    charterVersion: text(),
    vettedAt: timestamp({ withTimezone: true }),
    vettedBy: uuid().references(() => users.id),
    rejectionReason: text(),
    withdrawnAt: timestamp({ withTimezone: true }),
    withdrawalReason: text(),
    jobTitle: text(),
    employer: text(),
    occupationCode: text(),
    sectorCode: text().references(() => nafCodes.code),
    yearsOfExperience: integer(),
    expertise: text().array().notNull().default(emptyTextArray),
    tracks: trackEnum()
      .array()
      .notNull()
      .default(sql`'{}'::track[]`),
    languages: text()
      .array()
      .notNull()
      .default(sql`'{fr}'::text[]`),
    communeCode: text().references(() => communes.code),
    availability: text().array().notNull().default(emptyTextArray),
    mode: meetingModeEnum().notNull().default('both'),
    bio: text(),
    appliedAt: createdAt(),
  },
  (t) => [
    index().on(t.status),
    index().on(t.communeCode),
    check('mentor_capacity_range', sql`${t.capacity} BETWEEN 1 AND 10`),
    check(
      'mentor_capacity_not_exceeded',
      sql`${t.activeTandemCount} >= 0 AND ${t.activeTandemCount} <= ${t.capacity}`,
    ),
    check('mentor_occupation_code', sql`${t.occupationCode} ~ '^[A-N][0-9]{4}$'`),
  ],
);

/** A mentee's profile: track, target, project, needs, place, languages and referral. */
export const menteeProfiles = pgTable(
  'mentee_profiles',
  {
    userId: uuid()
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    track: trackEnum().notNull(),
    status: menteeStatusEnum().notNull().default('referred'),
    partnerId: uuid().references(() => partners.id),
    referrerId: uuid().references(() => users.id),
    referredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    waitingSince: timestamp({ withTimezone: true }),
    targetOccupationCode: text(),
    businessProject: text(),
    businessStage: businessStageEnum(),
    businessSectorCode: text().references(() => nafCodes.code),
    businessCreatedOn: date(),
    needs: text().array().notNull().default(emptyTextArray),
    communeCode: text().references(() => communes.code),
    qpvCode: text(),
    languages: text()
      .array()
      .notNull()
      .default(sql`'{fr}'::text[]`),
    availability: text().array().notNull().default(emptyTextArray),
    mode: meetingModeEnum().notNull().default('both'),
    birthYear: integer(),
    gender: genderEnum(),
    educationLevel: text(),
    aboutMe: text(),
  },
  (t) => [
    index().on(t.partnerId),
    index().on(t.referrerId),
    index().on(t.status),
    index().on(t.track),
    check('mentee_occupation_code', sql`${t.targetOccupationCode} ~ '^[A-N][0-9]{4}$'`),
    check('mentee_birth_year', sql`${t.birthYear} BETWEEN 1900 AND 2100`),
  ],
);

/** A person's recorded consent: purpose, when, how, and by whom it was recorded. */
export const consents = pgTable(
  'consents',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: consentPurposeEnum().notNull(),
    method: consentMethodEnum().notNull(),
    textVersion: text().notNull(),
    givenAt: timestamp({ withTimezone: true }).notNull(),
    recordedBy: uuid().references(() => users.id),
    withdrawnAt: timestamp({ withTimezone: true }),
    details: jsonb(),
  },
  (t) => [index().on(t.userId)],
);
