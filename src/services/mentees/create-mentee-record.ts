import type { Executor } from '../../db/client.ts';
import { isConstraintViolation } from '../../db/errors.ts';
import { findDefaultProgramId } from '../../db/repositories/hub-repository.ts';
import {
  insertConsents,
  insertEnrolment,
  insertMenteeProfile,
} from '../../db/repositories/mentees-repository.ts';
import { findUnknownReferenceCodes } from '../../db/repositories/reference-repository.ts';
import {
  findUserByEmail,
  insertUser,
  type UserRow,
} from '../../db/repositories/users-repository.ts';
import { INVITATION_TTL_MINUTES } from '../../domain/auth.ts';
import { AppError } from '../../domain/errors.ts';
import type {
  ConsentRecord,
  MenteeProfileFields,
  PersonFields,
} from '../../domain/mentee-profile.ts';
import type { MenteeStatus } from '../../domain/people.ts';
import { emailSignInLink } from '../auth/email-sign-in-link.ts';
import { requireKnownReferences } from '../reference/require-known-references.ts';

export type NewMenteeRecord = {
  person: PersonFields;
  profile: MenteeProfileFields;
  consent: ConsentRecord;
  partnerId: string | null;
  referrerId: string | null;
  status: MenteeStatus;
  /** Who recorded the consent: the referrer, or the person themself. */
  recordedBy: string | null;
  programId?: string | undefined;
  emailTemplate: string;
};

/** The column values of a profile from validated fields (absent fields keep the defaults). */
export function profileColumns(profile: Partial<MenteeProfileFields>) {
  return Object.fromEntries(Object.entries(profile).filter(([, value]) => value !== undefined));
}

/**
 * Writes a new mentee — account, profile, consents, enrolment — and e-mails a week-long link
 * when there is an address, inside the caller's transaction. Reference codes are checked
 * first so that a bad commune or sector names its field.
 */
export async function createMenteeRecord(
  tx: Executor,
  context: { publicUrl: string; now: Date },
  record: NewMenteeRecord,
): Promise<UserRow> {
  requireKnownReferences(
    await findUnknownReferenceCodes(tx, {
      sectorCode: record.profile.businessSectorCode ?? undefined,
      communeCode: record.profile.communeCode ?? undefined,
    }),
    { sector: 'body/profile/businessSectorCode', commune: 'body/profile/communeCode' },
  );
  if (record.person.email && (await findUserByEmail(tx, record.person.email))) {
    throw new AppError('email_taken');
  }
  const programId = record.programId ?? (await findDefaultProgramId(tx));
  if (!programId) throw new Error('the hub has no general programme');
  let user: UserRow;
  try {
    user = await insertUser(tx, {
      role: 'mentee',
      status: 'invited',
      firstName: record.person.firstName,
      lastName: record.person.lastName,
      email: record.person.email ?? null,
      phone: record.person.phone ?? null,
      locale: record.person.locale ?? 'fr',
    });
  } catch (error) {
    if (isConstraintViolation(error, 'users_email_unique')) throw new AppError('email_taken');
    throw error;
  }
  await insertMenteeProfile(tx, {
    ...profileColumns(record.profile),
    track: record.profile.track,
    userId: user.id,
    partnerId: record.partnerId,
    referrerId: record.referrerId,
    status: record.status,
    referredAt: context.now,
    waitingSince: record.status === 'waiting' ? context.now : null,
  });
  await insertConsents(
    tx,
    record.consent.purposes.map((purpose) => ({
      userId: user.id,
      purpose,
      method: record.consent.method,
      textVersion: record.consent.textVersion,
      givenAt: new Date(record.consent.givenAt),
      recordedBy: record.recordedBy ?? user.id,
    })),
  );
  await insertEnrolment(tx, { programId, menteeId: user.id, enrolledAt: context.now });
  await emailSignInLink(tx, context, user, {
    purpose: 'invitation',
    template: record.emailTemplate,
    validMinutes: INVITATION_TTL_MINUTES,
    createdBy: record.recordedBy,
  });
  return user;
}
