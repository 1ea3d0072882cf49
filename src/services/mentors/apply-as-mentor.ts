import { isConstraintViolation } from '../../db/errors.ts';
import {
  findMentorById,
  insertMentorProfile,
  type MentorRecord,
} from '../../db/repositories/mentors-repository.ts';
import { findUserByEmail, insertUser } from '../../db/repositories/users-repository.ts';
import { INVITATION_TTL_MINUTES } from '../../domain/auth.ts';
import { AppError } from '../../domain/errors.ts';
import { APPLICATION_MAX_CAPACITY } from '../../domain/mentor-lifecycle.ts';
import type {
  AvailabilitySlot,
  MeetingMode,
  MentorKind,
  Need,
  Track,
} from '../../domain/people.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { emailSignInLink } from '../auth/email-sign-in-link.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { findUnknownReferenceCodes } from '../../db/repositories/reference-repository.ts';
import { requireKnownReferences } from '../reference/require-known-references.ts';

/** What a volunteer tells the hub when applying. */
export type MentorApplication = {
  firstName: string;
  lastName: string;
  email: string;
  kind: MentorKind;
  jobTitle: string;
  employer?: string | null | undefined;
  /** ROME fiche, e.g. `M1707`. */
  occupationCode: string;
  /** NAF code in INSEE dotted form, any level, e.g. `62.01Z`. */
  sectorCode: string;
  yearsOfExperience: number;
  expertise: Need[];
  tracks: Track[];
  /** ISO 639-1 codes. */
  languages: string[];
  communeCode: string;
  availability: AvailabilitySlot[];
  mode: MeetingMode;
  capacity: number;
  bio?: string | null | undefined;
};

export type ApplyAsMentorOptions = MentorApplication & { origin: RequestOrigin };

/**
 * A volunteer applies to mentor. Public by design — anyone may volunteer; the route's rate
 * limit stands in for a policy. Creates the account (role mentor, status invited) and the
 * profile (status `applied`) in one transaction, and e-mails a week-long single-use link with
 * which the applicant signs in to sign the charter. An address already in use answers
 * `email_taken` and nothing else.
 */
export async function applyAsMentor(
  context: ServiceContext,
  options: ApplyAsMentorOptions,
): Promise<MentorRecord> {
  if (
    !Number.isInteger(options.capacity) ||
    options.capacity < 1 ||
    options.capacity > APPLICATION_MAX_CAPACITY
  ) {
    throw new AppError('validation_failed', undefined, {
      fields: [{ field: 'body/capacity', message: `between 1 and ${APPLICATION_MAX_CAPACITY}` }],
    });
  }
  const now = context.clock.now();
  const email = options.email.trim();
  try {
    return await context.db.transaction(async (tx) => {
      if (await findUserByEmail(tx, email)) throw new AppError('email_taken');
      requireKnownReferences(
        await findUnknownReferenceCodes(tx, {
          sectorCode: options.sectorCode,
          communeCode: options.communeCode,
        }),
      );
      const user = await insertUser(tx, {
        email,
        role: 'mentor',
        partnerId: null,
        firstName: options.firstName.trim(),
        lastName: options.lastName.trim(),
        status: 'invited',
      });
      await insertMentorProfile(tx, {
        userId: user.id,
        kind: options.kind,
        status: 'applied',
        capacity: options.capacity,
        jobTitle: options.jobTitle.trim(),
        employer: options.employer?.trim() || null,
        occupationCode: options.occupationCode,
        sectorCode: options.sectorCode,
        yearsOfExperience: options.yearsOfExperience,
        expertise: [...new Set(options.expertise)],
        tracks: [...new Set(options.tracks)],
        languages: [...new Set(options.languages)],
        communeCode: options.communeCode,
        availability: [...new Set(options.availability)],
        mode: options.mode,
        bio: options.bio?.trim() || null,
        appliedAt: now,
      });
      await emailSignInLink(tx, { publicUrl: context.publicUrl, now }, user, {
        purpose: 'invitation',
        template: 'mentor_application_received',
        validMinutes: INVITATION_TTL_MINUTES,
      });
      await recordAudit(tx, options.origin, now, {
        action: 'mentor.apply',
        subjectType: 'user',
        subjectId: user.id,
        details: { kind: options.kind, capacity: options.capacity },
      });
      const mentor = await findMentorById(tx, user.id);
      if (!mentor) throw new Error('the new mentor is missing inside its own transaction');
      return mentor;
    });
  } catch (error) {
    // Two applications with one address at the same moment: the unique index decides.
    if (isConstraintViolation(error, 'users_email_unique')) throw new AppError('email_taken');
    if (isConstraintViolation(error, 'mentor_occupation_code')) {
      throw new AppError('validation_failed', undefined, {
        fields: [{ field: 'body/occupationCode', message: 'not a ROME code' }],
      });
    }
    throw error;
  }
}
