import {
  findConsentsOf,
  findMenteeFile,
  hasTandemBetween,
  type MenteeFile,
} from '../../db/repositories/mentees-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { isInScope, partnerScopeOf } from '../../domain/policies.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';

/** Which presentation of the file the reader is entitled to. */
export type MenteeFileView =
  | {
      audience: 'staff' | 'referrer';
      file: MenteeFile;
      consents: Awaited<ReturnType<typeof findConsentsOf>>;
    }
  | { audience: 'self'; file: MenteeFile }
  | { audience: 'mentor'; file: MenteeFile };

export type GetMenteeFileOptions = { menteeId: string; origin: RequestOrigin };

/**
 * A mentee's file, as the reader may see it: staff see everything (and the read is
 * audited); a referrer sees their own partner's people (audited too); the person sees
 * themself; a mentor sees the tandem fields only once a proposal exists between them.
 * Everyone else gets `not_found`, exactly as for an unknown id.
 */
export async function getMenteeFile(
  context: ServiceContext,
  options: GetMenteeFileOptions,
): Promise<MenteeFileView> {
  const { actor } = options.origin;
  if (actor.kind !== 'user') throw new AppError('unauthenticated');
  const file = await findMenteeFile(context.db, options.menteeId);
  if (!file || file.user.erasedAt) throw new AppError('not_found');
  if (actor.role === 'mentee') {
    if (actor.userId !== file.user.id) throw new AppError('not_found');
    return { audience: 'self', file };
  }
  if (actor.role === 'mentor') {
    if (!(await hasTandemBetween(context.db, actor.userId, file.user.id))) {
      throw new AppError('not_found');
    }
    return { audience: 'mentor', file };
  }
  const scope = partnerScopeOf(actor);
  if (!isInScope(scope, file.profile.partnerId)) throw new AppError('not_found');
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    await recordAudit(tx, options.origin, now, {
      action: 'mentee.read',
      subjectType: 'user',
      subjectId: file.user.id,
    });
    const consents = await findConsentsOf(tx, file.user.id);
    return { audience: actor.role === 'referrer' ? 'referrer' : 'staff', file, consents };
  });
}
