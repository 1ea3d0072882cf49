import { findPartnerInScope } from '../../db/repositories/partners-repository.ts';
import type { UserRow } from '../../db/repositories/users-repository.ts';
import { AppError } from '../../domain/errors.ts';
import type {
  ConsentRecord,
  MenteeProfileFields,
  PersonFields,
} from '../../domain/mentee-profile.ts';
import { partnerScopeOf } from '../../domain/policies.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { createMenteeRecord } from './create-mentee-record.ts';

export type ReferMenteeOptions = {
  person: PersonFields;
  profile: MenteeProfileFields;
  /** The person's consent, as the referrer recorded it. */
  consent: ConsentRecord;
  /** Staff only: the partner on whose behalf they refer. A referrer always refers for their own. */
  partnerId?: string | undefined;
  origin: RequestOrigin;
};

/**
 * A referrer refers a person they support, with the person's recorded consent; the person
 * joins the waiting pool of the hub's general programme. Staff may refer on a partner's
 * behalf. A deactivated partner cannot refer anyone new.
 */
export async function referMentee(
  context: ServiceContext,
  options: ReferMenteeOptions,
): Promise<UserRow> {
  const scope = partnerScopeOf(options.origin.actor);
  const actor = options.origin.actor;
  if (actor.kind !== 'user') throw new AppError('unauthenticated');
  const partnerId = scope.kind === 'partner' ? scope.partnerId : options.partnerId;
  if (!partnerId) {
    throw new AppError('validation_failed', 'Indiquez la structure partenaire.', {
      fields: [{ field: 'body/partnerId', message: 'required for staff' }],
    });
  }
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    const partner = await findPartnerInScope(tx, partnerId, scope);
    if (!partner) throw new AppError('partner_unknown');
    if (!partner.isActive) throw new AppError('partner_inactive');
    const user = await createMenteeRecord(
      tx,
      { publicUrl: context.publicUrl, now },
      {
        person: options.person,
        profile: options.profile,
        consent: options.consent,
        partnerId,
        referrerId: actor.role === 'referrer' ? actor.userId : null,
        status: 'waiting',
        recordedBy: actor.userId,
        emailTemplate: 'mentee_referred',
      },
    );
    await recordAudit(tx, options.origin, now, {
      action: 'mentee.refer',
      subjectType: 'user',
      subjectId: user.id,
      details: { partnerId, purposes: options.consent.purposes },
    });
    return user;
  });
}
