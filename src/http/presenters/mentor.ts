import { z } from 'zod';
import type { MentorRecord } from '../../db/repositories/mentors-repository.ts';
import {
  AVAILABILITY_SLOTS,
  MEETING_MODES,
  MENTOR_KINDS,
  MENTOR_STATUSES,
  NEEDS,
  TRACKS,
  USER_STATUSES,
} from '../../domain/people.ts';

const example = {
  id: '3d7c1b52-8f0a-4c6e-9b21-5e4f7a9c0d13',
  email: 'karim.benali@example.org',
  firstName: 'Karim',
  lastName: 'Benali',
  status: 'active',
  kind: 'entrepreneur',
  capacity: 2,
  activeTandemCount: 1,
  pausedUntil: null,
  charterSignedAt: '2026-01-12T18:40:00.000Z',
  charterVersion: '2026-01',
  vettedAt: '2026-01-20T09:15:00.000Z',
  withdrawnAt: null,
  jobTitle: 'Fondateur d’une agence de communication',
  employer: 'Studio Calanques',
  occupationCode: 'E1103',
  sectorCode: '73.11Z',
  yearsOfExperience: 18,
  expertise: ['marketing', 'sales', 'financing'],
  tracks: ['business_creation', 'business_growth'],
  languages: ['fr', 'ar', 'en'],
  communeCode: '13206',
  availability: ['tue_eve', 'thu_pm'],
  mode: 'both',
  bio: 'J’ai créé deux entreprises à Marseille et j’aime aider à structurer une offre.',
  appliedAt: '2026-01-10T17:02:00.000Z',
} as const;

const mentorFields = {
  id: z.uuid(),
  email: z.string().nullable(),
  firstName: z.string(),
  lastName: z.string(),
  status: z.enum(MENTOR_STATUSES),
  kind: z.enum(MENTOR_KINDS),
  capacity: z.number().int(),
  /** Proposed, accepted and active tandems: the slots in use. */
  activeTandemCount: z.number().int(),
  pausedUntil: z.iso.date().nullable(),
  charterSignedAt: z.iso.datetime().nullable(),
  charterVersion: z.string().nullable(),
  vettedAt: z.iso.datetime().nullable(),
  withdrawnAt: z.iso.datetime().nullable(),
  jobTitle: z.string().nullable(),
  employer: z.string().nullable(),
  occupationCode: z.string().nullable(),
  sectorCode: z.string().nullable(),
  yearsOfExperience: z.number().int().nullable(),
  expertise: z.array(z.enum(NEEDS)),
  tracks: z.array(z.enum(TRACKS)),
  languages: z.array(z.string()),
  communeCode: z.string().nullable(),
  availability: z.array(z.enum(AVAILABILITY_SLOTS)),
  mode: z.enum(MEETING_MODES),
  bio: z.string().nullable(),
  appliedAt: z.iso.datetime(),
};

export const mentorForSelfSchema = z.object(mentorFields).meta({ id: 'MentorForSelf', example });

export const mentorForStaffSchema = z
  .object({
    ...mentorFields,
    accountStatus: z.enum(USER_STATUSES),
    vettedBy: z.uuid().nullable(),
    rejectionReason: z.string().nullable(),
    withdrawalReason: z.string().nullable(),
    dedicatedProgramIds: z.array(z.uuid()),
    lastSignInAt: z.iso.datetime().nullable(),
  })
  .meta({
    id: 'MentorForStaff',
    example: {
      ...example,
      accountStatus: 'active',
      vettedBy: '9a0e4c2d-6b1f-4e8a-a3c5-7d2b1f0e6c44',
      rejectionReason: null,
      withdrawalReason: null,
      dedicatedProgramIds: ['00000000-0000-4000-8000-000000000001'],
      lastSignInAt: '2026-02-02T08:30:00.000Z',
    },
  });

export type PresentedMentorForSelf = z.infer<typeof mentorForSelfSchema>;
export type PresentedMentorForStaff = z.infer<typeof mentorForStaffSchema>;

const iso = (date: Date | null) => (date ? date.toISOString() : null);
/** Drops values outside a vocabulary, so a stray stored value never breaks a response. */
const within = <T extends string>(vocabulary: readonly T[], values: readonly string[]): T[] =>
  values.filter((value): value is T => (vocabulary as readonly string[]).includes(value));

/**
 * What a mentor sees of their own profile: everything they entered, their status and its
 * dates — not who vetted them, nor the hub's reasons for a rejection or a withdrawal.
 */
export function presentMentorForSelf(mentor: MentorRecord): PresentedMentorForSelf {
  const { user, profile } = mentor;
  return {
    id: user.id,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    status: profile.status,
    kind: profile.kind,
    capacity: profile.capacity,
    activeTandemCount: profile.activeTandemCount,
    pausedUntil: profile.pausedUntil,
    charterSignedAt: iso(profile.charterSignedAt),
    charterVersion: profile.charterVersion,
    vettedAt: iso(profile.vettedAt),
    withdrawnAt: iso(profile.withdrawnAt),
    jobTitle: profile.jobTitle,
    employer: profile.employer,
    occupationCode: profile.occupationCode,
    sectorCode: profile.sectorCode,
    yearsOfExperience: profile.yearsOfExperience,
    expertise: within(NEEDS, profile.expertise),
    tracks: profile.tracks,
    languages: profile.languages,
    communeCode: profile.communeCode,
    availability: within(AVAILABILITY_SLOTS, profile.availability),
    mode: profile.mode,
    bio: profile.bio,
    appliedAt: profile.appliedAt.toISOString(),
  };
}

/** What hub staff see of a mentor: the whole file, vetting and account state included. */
export function presentMentorForStaff(mentor: MentorRecord): PresentedMentorForStaff {
  const { user, profile } = mentor;
  return {
    ...presentMentorForSelf(mentor),
    accountStatus: user.status,
    vettedBy: profile.vettedBy,
    rejectionReason: profile.rejectionReason,
    withdrawalReason: profile.withdrawalReason,
    dedicatedProgramIds: mentor.dedicatedProgramIds,
    lastSignInAt: iso(user.lastSignInAt),
  };
}
