import type { UserRow } from '../../db/repositories/users-repository.ts';
import type { MenteeProfileFields, PersonFields } from '../../domain/mentee-profile.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { createMenteeRecord } from './create-mentee-record.ts';

/** The consent text version shown on the public registration form. */
export const REGISTRATION_CONSENT_VERSION = '2026-01';

export type RegisterAsMenteeOptions = {
  person: PersonFields & { email: string };
  profile: MenteeProfileFields;
  /** Whether the person also agrees to impact follow-up and to news from the hub. */
  alsoConsentsTo: ('impact_follow_up' | 'communications')[];
  origin: RequestOrigin;
};

/**
 * Someone registers themself, without a partner. Public by design (the route is rate
 * limited). They wait as `referred` until a coordinator attaches them to a partner; consent
 * to mentoring is recorded as given online by themself.
 */
export async function registerAsMentee(
  context: ServiceContext,
  options: RegisterAsMenteeOptions,
): Promise<UserRow> {
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    const user = await createMenteeRecord(
      tx,
      { publicUrl: context.publicUrl, now },
      {
        person: options.person,
        profile: options.profile,
        consent: {
          purposes: ['mentoring', ...options.alsoConsentsTo],
          method: 'online_form',
          givenAt: now.toISOString(),
          textVersion: REGISTRATION_CONSENT_VERSION,
        },
        partnerId: null,
        referrerId: null,
        status: 'referred',
        recordedBy: null,
        emailTemplate: 'mentee_registered',
      },
    );
    await recordAudit(tx, options.origin, now, {
      action: 'mentee.register',
      subjectType: 'user',
      subjectId: user.id,
    });
    return user;
  });
}
