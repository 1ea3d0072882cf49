import { isConstraintViolation } from '../../db/errors.ts';
import {
  findMentorById,
  updateMentorName,
  updateMentorProfile,
  type MentorProfileChanges,
  type MentorRecord,
} from '../../db/repositories/mentors-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { MAX_CAPACITY } from '../../domain/mentor-lifecycle.ts';
import type {
  AvailabilitySlot,
  MeetingMode,
  MentorKind,
  Need,
  Track,
} from '../../domain/people.ts';
import { requireRole } from '../../domain/policies.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { findUnknownReferenceCodes } from '../../db/repositories/reference-repository.ts';
import { requireKnownReferences } from '../reference/require-known-references.ts';

/** The fields a mentor may change on their own profile; status and vetting are not among them. */
export type MentorProfileEdit = {
  firstName?: string | undefined;
  lastName?: string | undefined;
  kind?: MentorKind | undefined;
  jobTitle?: string | undefined;
  employer?: string | null | undefined;
  occupationCode?: string | undefined;
  sectorCode?: string | undefined;
  yearsOfExperience?: number | undefined;
  expertise?: Need[] | undefined;
  tracks?: Track[] | undefined;
  languages?: string[] | undefined;
  communeCode?: string | undefined;
  availability?: AvailabilitySlot[] | undefined;
  mode?: MeetingMode | undefined;
  /** 1–10; not below the number of tandems the mentor currently holds. */
  capacity?: number | undefined;
  bio?: string | null | undefined;
};

export type UpdateOwnMentorProfileOptions = MentorProfileEdit & { origin: RequestOrigin };

const unique = <T>(values: T[] | undefined) => (values ? [...new Set(values)] : undefined);
const orNull = (value: string | null | undefined) =>
  value === undefined ? undefined : value?.trim() || null;

/**
 * The signed-in mentor edits their own profile. Lowering the capacity below the tandems they
 * hold is refused by the database itself (`mentor_capacity_not_exceeded`), so a tandem added
 * concurrently cannot slip through: `capacity_below_current_tandems`.
 */
export async function updateOwnMentorProfile(
  context: ServiceContext,
  options: UpdateOwnMentorProfileOptions,
): Promise<MentorRecord> {
  const mentor = requireRole(options.origin.actor, ['mentor']);
  if (
    options.capacity !== undefined &&
    (!Number.isInteger(options.capacity) || options.capacity < 1 || options.capacity > MAX_CAPACITY)
  ) {
    throw new AppError('validation_failed', undefined, {
      fields: [{ field: 'body/capacity', message: `between 1 and ${MAX_CAPACITY}` }],
    });
  }
  const changes: MentorProfileChanges = Object.fromEntries(
    Object.entries({
      kind: options.kind,
      jobTitle: options.jobTitle?.trim(),
      employer: orNull(options.employer),
      occupationCode: options.occupationCode,
      sectorCode: options.sectorCode,
      yearsOfExperience: options.yearsOfExperience,
      expertise: unique(options.expertise),
      tracks: unique(options.tracks),
      languages: unique(options.languages),
      communeCode: options.communeCode,
      availability: unique(options.availability),
      mode: options.mode,
      capacity: options.capacity,
      bio: orNull(options.bio),
    }).filter(([, value]) => value !== undefined),
  );
  const name = { firstName: options.firstName?.trim(), lastName: options.lastName?.trim() };
  const now = context.clock.now();
  try {
    return await context.db.transaction(async (tx) => {
      const before = await findMentorById(tx, mentor.userId);
      if (!before) throw new AppError('not_found');
      requireKnownReferences(
        await findUnknownReferenceCodes(tx, {
          sectorCode: options.sectorCode,
          communeCode: options.communeCode,
        }),
      );
      await updateMentorProfile(tx, mentor.userId, changes);
      await updateMentorName(tx, mentor.userId, name);
      const fields = [
        ...Object.keys(changes),
        ...Object.entries(name)
          .filter(([, value]) => value !== undefined)
          .map(([key]) => key),
      ];
      await recordAudit(tx, options.origin, now, {
        action: 'mentor.update_profile',
        subjectType: 'user',
        subjectId: mentor.userId,
        details: { fields },
      });
      const after = await findMentorById(tx, mentor.userId);
      if (!after) throw new Error('mentor vanished inside its own transaction');
      return after;
    });
  } catch (error) {
    if (isConstraintViolation(error, 'mentor_capacity_not_exceeded')) {
      throw new AppError('capacity_below_current_tandems', undefined, {
        fields: [{ field: 'body/capacity', message: 'below the current number of tandems' }],
      });
    }
    if (isConstraintViolation(error, 'mentor_occupation_code')) {
      throw new AppError('validation_failed', undefined, {
        fields: [{ field: 'body/occupationCode', message: 'not a ROME code' }],
      });
    }
    throw error;
  }
}
