import type { Executor } from '../../db/client.ts';
import { findProgramInScope } from '../../db/repositories/programs-repository.ts';
import {
  findTandem,
  isActionLinkUsed,
  lockCheckIn,
  type CheckInRow,
  type TandemRow,
} from '../../db/repositories/tandems-repository.ts';
import { findUserById, type UserRow } from '../../db/repositories/users-repository.ts';
import type { Actor } from '../../domain/auth.ts';
import { AppError } from '../../domain/errors.ts';
import { sideOf, type TandemSide } from '../../domain/tandem-lifecycle.ts';
import { verifyActionLink, type ActionLink } from './action-links.ts';
import {
  reasonsOf,
  visibleMenteeProfile,
  visibleMentorProfile,
  type LinkingContext,
} from './tandem-emails.ts';
import type { VisibleProfile } from '../../domain/visible-profile.ts';

/** What a link's confirmation page shows before anything is done. */
export type ActionLinkPage = {
  link: ActionLink;
  firstName: string;
  side: TandemSide;
  tandemId: string;
  other: VisibleProfile;
  reasons: string[];
  programName: string;
  replyDeadline: Date | null;
};

/** A verified, unused link with its person, tandem and (for check-ins) check-in. */
export type ResolvedActionLink = {
  link: ActionLink;
  user: UserRow;
  actor: Extract<Actor, { kind: 'user' }>;
  side: TandemSide;
  tandem: TandemRow;
  checkIn: CheckInRow | undefined;
};

/**
 * Checks a link from top to bottom — signature, expiry, not used yet, the person still has
 * an account, and the action still makes sense (the proposal is open and unanswered by this
 * side, the tandem takes meetings, the check-in waits for its answer) — and throws the
 * catalogue error a page explains otherwise. Changes nothing.
 */
export async function resolveActionLink(
  tx: Executor,
  context: LinkingContext,
  token: string,
): Promise<ResolvedActionLink> {
  const verified = verifyActionLink(context.linkSecret, token, context.clock.now());
  if (!verified.ok) {
    throw new AppError(
      verified.problem === 'expired' ? 'action_link_expired' : 'action_link_invalid',
    );
  }
  const { link } = verified;
  if (await isActionLinkUsed(tx, link.linkId)) throw new AppError('action_link_used');
  const user = await findUserById(tx, link.userId);
  if (!user || user.status === 'disabled' || user.erasedAt)
    throw new AppError('action_link_invalid');
  let checkIn: CheckInRow | undefined;
  let tandemId = link.subjectId;
  if (link.purpose === 'check_in_answer' || link.purpose === 'check_in_survey') {
    checkIn = await lockCheckIn(tx, link.subjectId);
    if (!checkIn || checkIn.respondentId !== user.id) throw new AppError('action_link_invalid');
    if (checkIn.status === 'answered') throw new AppError('check_in_already_answered');
    tandemId = checkIn.tandemId;
  }
  const tandem = await findTandem(tx, tandemId);
  const side = tandem ? sideOf(tandem, user.id) : undefined;
  if (!tandem || !side) throw new AppError('action_link_invalid');
  if (link.purpose === 'proposal_accept' || link.purpose === 'proposal_decline') {
    if (tandem.status !== 'proposed') throw new AppError('proposal_closed');
    const decision = side === 'mentee' ? tandem.menteeDecision : tandem.mentorDecision;
    if (decision) throw new AppError('proposal_already_answered');
  }
  if (
    link.purpose === 'meeting_log' &&
    tandem.status !== 'accepted' &&
    tandem.status !== 'active'
  ) {
    throw new AppError('tandem_transition_invalid');
  }
  return {
    link,
    user,
    actor: { kind: 'user', userId: user.id, role: user.role, partnerId: user.partnerId },
    side,
    tandem,
    checkIn,
  };
}

/** The confirmation page of a link (GET): what the button will do, and for whom. */
export async function openActionLink(
  context: LinkingContext,
  options: { token: string },
): Promise<ActionLinkPage> {
  return context.db.transaction(async (tx) => {
    const resolved = await resolveActionLink(tx, context, options.token);
    const { tandem, side } = resolved;
    const program = await findProgramInScope(tx, tandem.programId, { kind: 'all' });
    return {
      link: resolved.link,
      firstName: resolved.user.firstName,
      side,
      tandemId: tandem.id,
      other:
        side === 'mentee'
          ? await visibleMentorProfile(tx, tandem.mentorId)
          : await visibleMenteeProfile(tx, tandem.menteeId),
      reasons: reasonsOf(tandem.explanation),
      programName: program?.name ?? '',
      replyDeadline: tandem.replyDeadlineAt,
    };
  });
}
