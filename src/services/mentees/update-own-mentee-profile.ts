import { findMenteeFile, updateMenteeProfile } from '../../db/repositories/mentees-repository.ts';
import { findUnknownReferenceCodes } from '../../db/repositories/reference-repository.ts';
import { AppError } from '../../domain/errors.ts';
import type { MenteeProfileFields } from '../../domain/mentee-profile.ts';
import { requireRole } from '../../domain/policies.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { requireKnownReferences } from '../reference/require-known-references.ts';
import { profileColumns } from './create-mentee-record.ts';

export type UpdateOwnMenteeProfileOptions = {
  changes: Partial<MenteeProfileFields>;
  origin: RequestOrigin;
};

/** The person edits their own profile; status, partner and referral stay the hub's. */
export async function updateOwnMenteeProfile(
  context: ServiceContext,
  options: UpdateOwnMenteeProfileOptions,
): Promise<void> {
  const actor = requireRole(options.origin.actor, ['mentee']);
  const now = context.clock.now();
  await context.db.transaction(async (tx) => {
    const file = await findMenteeFile(tx, actor.userId);
    if (!file) throw new AppError('not_found');
    requireKnownReferences(
      await findUnknownReferenceCodes(tx, {
        sectorCode: options.changes.businessSectorCode ?? undefined,
        communeCode: options.changes.communeCode ?? undefined,
      }),
      { sector: 'body/businessSectorCode', commune: 'body/communeCode' },
    );
    await updateMenteeProfile(tx, actor.userId, profileColumns(options.changes));
    await recordAudit(tx, options.origin, now, {
      action: 'mentee.update_profile',
      subjectType: 'user',
      subjectId: actor.userId,
      details: { fields: Object.keys(options.changes) },
    });
  });
}
