import type { MentorRecord } from '../../db/repositories/mentors-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { CHARTER_VERSION } from '../../domain/mentor-lifecycle.ts';
import { requireRole } from '../../domain/policies.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { transitionMentor } from './transition-mentor.ts';

export type SignMentorCharterOptions = {
  /** The version of the charter the mentor read; it must be the current one. */
  version: string;
  origin: RequestOrigin;
};

/** The signed-in mentor signs the current charter: `applied` → `charter_signed`. */
export async function signMentorCharter(
  context: ServiceContext,
  options: SignMentorCharterOptions,
): Promise<MentorRecord> {
  const mentor = requireRole(options.origin.actor, ['mentor']);
  // A page left open across a new charter must not sign a text the mentor never saw.
  if (options.version !== CHARTER_VERSION) {
    throw new AppError('validation_failed', 'La charte a changé : relisez-la avant de la signer.', {
      fields: [{ field: 'body/version', message: `must be ${CHARTER_VERSION}` }],
    });
  }
  const now = context.clock.now();
  return context.db.transaction((tx) =>
    transitionMentor(tx, {
      mentorId: mentor.userId,
      event: 'sign_charter',
      changes: { charterSignedAt: now, charterVersion: CHARTER_VERSION },
      auditDetails: { charterVersion: CHARTER_VERSION },
      origin: options.origin,
      now,
    }),
  );
}
