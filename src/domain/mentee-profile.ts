import { z } from 'zod';
import { boundedText } from './text.ts';
import {
  AVAILABILITY_SLOTS,
  BUSINESS_STAGES,
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  GENDERS,
  MEETING_MODES,
  NEEDS,
  TRACKS,
} from './people.ts';

/** A ROME fiche code, e.g. M1805. */
export const romeCode = z.string().regex(/^[A-N][0-9]{4}$/, 'code ROME attendu (ex. M1805)');
/** A NAF rév. 2 sous-classe in INSEE dotted form, e.g. 62.01Z. */
export const nafCode = z
  .string()
  .regex(/^[0-9]{2}\.[0-9]{2}[A-Z]$/, 'code NAF attendu (ex. 62.01Z)');
/** An INSEE commune or arrondissement code, e.g. 13055 or 13203 (2A/2B for Corsica). */
export const communeCode = z.string().regex(/^(?:[0-9]{2}|2A|2B)[0-9]{3}$/, 'code INSEE attendu');
/** An ISO 639-1 language code, e.g. fr, ar. */
export const languageCode = z.string().regex(/^[a-z]{2}$/, 'code de langue attendu (ex. fr)');
const isoDate = z.iso.date();
const text = (max: number) => boundedText(max, 0);

/** The profile a mentee (or their referrer) fills in; every field a later edit may change. */
export const menteeProfileFields = z.object({
  track: z.enum(TRACKS),
  targetOccupationCode: romeCode.nullable().optional(),
  businessProject: text(4000).nullable().optional(),
  businessStage: z.enum(BUSINESS_STAGES).nullable().optional(),
  businessSectorCode: nafCode.nullable().optional(),
  businessCreatedOn: isoDate.nullable().optional(),
  needs: z.array(z.enum(NEEDS)).max(NEEDS.length).optional(),
  communeCode: communeCode.nullable().optional(),
  languages: z.array(languageCode).min(1).max(10).optional(),
  availability: z.array(z.enum(AVAILABILITY_SLOTS)).max(AVAILABILITY_SLOTS.length).optional(),
  mode: z.enum(MEETING_MODES).optional(),
  birthYear: z.number().int().min(1900).max(2100).nullable().optional(),
  gender: z.enum(GENDERS).nullable().optional(),
  educationLevel: text(50).nullable().optional(),
  aboutMe: text(2000).nullable().optional(),
});
export type MenteeProfileFields = z.infer<typeof menteeProfileFields>;

/** The person: names, and how to reach them (a mentee may have no e-mail address). */
export const personFields = z.object({
  firstName: boundedText(100),
  lastName: boundedText(100),
  email: z.email().max(254).nullable().optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 .-]{6,20}$/, 'numéro de téléphone attendu')
    .nullable()
    .optional(),
  locale: z.enum(['fr', 'en']).optional(),
});
export type PersonFields = z.infer<typeof personFields>;

/** The consent the referrer records: which purposes, when, how, and on which text. */
export const consentRecord = z.object({
  purposes: z
    .array(z.enum(CONSENT_PURPOSES))
    .min(1)
    .max(CONSENT_PURPOSES.length)
    .refine((purposes) => purposes.includes('mentoring'), {
      message: 'le consentement au mentorat est obligatoire',
    }),
  method: z.enum(CONSENT_METHODS),
  givenAt: z.iso.datetime({ offset: true }),
  textVersion: boundedText(40),
});
export type ConsentRecord = z.infer<typeof consentRecord>;
