import { z } from 'zod';
import type { MenteeFile } from '../../db/repositories/mentees-repository.ts';
import {
  AVAILABILITY_SLOTS,
  BUSINESS_STAGES,
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  GENDERS,
  MEETING_MODES,
  MENTEE_STATUSES,
  TRACKS,
} from '../../domain/people.ts';
import type { MenteeFileView } from '../../services/mentees/get-mentee-file.ts';

const iso = z.string().meta({ example: '2026-11-25T09:00:00.000Z' });

/** What a tandem needs to know of the mentee: shown to their mentor once a proposal exists. */
const tandemFields = {
  id: z.uuid(),
  firstName: z.string(),
  track: z.enum(TRACKS),
  targetOccupationCode: z.string().nullable(),
  businessProject: z.string().nullable(),
  businessStage: z.enum(BUSINESS_STAGES).nullable(),
  businessSectorCode: z.string().nullable(),
  needs: z.array(z.string()),
  communeCode: z.string().nullable(),
  languages: z.array(z.string()),
  availability: z.array(z.enum(AVAILABILITY_SLOTS)),
  mode: z.enum(MEETING_MODES),
  aboutMe: z.string().nullable(),
};

export const menteeForMentorSchema = z
  .object({ view: z.literal('mentor'), lastNameInitial: z.string(), ...tandemFields })
  .meta({ id: 'MenteeForMentor' });

const ownFields = {
  ...tandemFields,
  lastName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  status: z.enum(MENTEE_STATUSES),
  businessCreatedOn: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  gender: z.enum(GENDERS).nullable(),
  educationLevel: z.string().nullable(),
  referredAt: iso,
};

export const menteeForSelfSchema = z
  .object({ view: z.literal('self'), ...ownFields })
  .meta({ id: 'MenteeForSelf' });

export const menteeForStaffSchema = z
  .object({
    view: z.enum(['staff', 'referrer']),
    ...ownFields,
    partner: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    referrerId: z.uuid().nullable(),
    waitingSince: iso.nullable(),
    consents: z.array(
      z.object({
        purpose: z.enum(CONSENT_PURPOSES),
        method: z.enum(CONSENT_METHODS),
        textVersion: z.string(),
        givenAt: iso,
        recordedBy: z.uuid().nullable(),
        withdrawnAt: iso.nullable(),
      }),
    ),
  })
  .meta({ id: 'MenteeFile' });

export const menteeViewSchema = z.discriminatedUnion('view', [
  menteeForStaffSchema,
  menteeForSelfSchema,
  menteeForMentorSchema,
]);

/** One line of the coordinators' and referrers' lists. */
export const menteeListItemSchema = z
  .object({
    id: z.uuid(),
    firstName: z.string(),
    lastName: z.string(),
    track: z.enum(TRACKS),
    status: z.enum(MENTEE_STATUSES),
    communeCode: z.string().nullable(),
    businessSectorCode: z.string().nullable(),
    partner: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    waitingSince: iso.nullable(),
    referredAt: iso,
  })
  .meta({ id: 'MenteeListItem' });

function tandemView({ user, profile }: MenteeFile) {
  return {
    id: user.id,
    firstName: user.firstName,
    track: profile.track,
    targetOccupationCode: profile.targetOccupationCode,
    businessProject: profile.businessProject,
    businessStage: profile.businessStage,
    businessSectorCode: profile.businessSectorCode,
    needs: profile.needs,
    communeCode: profile.communeCode,
    languages: profile.languages,
    availability: profile.availability as z.infer<typeof tandemFields.availability>,
    mode: profile.mode,
    aboutMe: profile.aboutMe,
  };
}

function ownView(file: MenteeFile) {
  const { user, profile } = file;
  return {
    ...tandemView(file),
    lastName: user.lastName,
    email: user.email,
    phone: user.phone,
    status: profile.status,
    businessCreatedOn: profile.businessCreatedOn,
    birthYear: profile.birthYear,
    gender: profile.gender,
    educationLevel: profile.educationLevel,
    referredAt: profile.referredAt.toISOString(),
  };
}

/** The file as its reader may see it; each audience has its own explicit field list. */
export function presentMenteeView(view: MenteeFileView): z.infer<typeof menteeViewSchema> {
  if (view.audience === 'mentor') {
    return {
      view: 'mentor',
      lastNameInitial: `${view.file.user.lastName.slice(0, 1)}.`,
      ...tandemView(view.file),
    };
  }
  if (view.audience === 'self') return { view: 'self', ...ownView(view.file) };
  const { profile } = view.file;
  return {
    view: view.audience,
    ...ownView(view.file),
    partner:
      profile.partnerId && view.file.partnerName
        ? { id: profile.partnerId, name: view.file.partnerName }
        : null,
    referrerId: profile.referrerId,
    waitingSince: profile.waitingSince?.toISOString() ?? null,
    consents: view.consents.map((consent) => ({
      purpose: consent.purpose,
      method: consent.method,
      textVersion: consent.textVersion,
      givenAt: consent.givenAt.toISOString(),
      recordedBy: consent.recordedBy,
      withdrawnAt: consent.withdrawnAt?.toISOString() ?? null,
    })),
  };
}

/** A list line. */
export function presentMenteeListItem(file: MenteeFile): z.infer<typeof menteeListItemSchema> {
  const { user, profile } = file;
  return {
    id: user.id,
    firstName: user.firstName,
    lastName: user.lastName,
    track: profile.track,
    status: profile.status,
    communeCode: profile.communeCode,
    businessSectorCode: profile.businessSectorCode,
    partner:
      profile.partnerId && file.partnerName
        ? { id: profile.partnerId, name: file.partnerName }
        : null,
    waitingSince: profile.waitingSince?.toISOString() ?? null,
    referredAt: profile.referredAt.toISOString(),
  };
}
