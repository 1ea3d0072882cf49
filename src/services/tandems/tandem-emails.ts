import type { Executor } from '../../db/client.ts';
import { findMenteeFile } from '../../db/repositories/mentees-repository.ts';
import { findMentorById } from '../../db/repositories/mentors-repository.ts';
import { findMatchingRound } from '../../db/repositories/matching-rounds-repository.ts';
import {
  findActiveCoordinators,
  findCommuneNames,
  findUsersByIds,
  type TandemRow,
} from '../../db/repositories/tandems-repository.ts';
import type { UserRow } from '../../db/repositories/users-repository.ts';
import { addMinutes } from '../../domain/clock.ts';
import { MEETING_LINK_DAYS, type TandemSide } from '../../domain/tandem-lifecycle.ts';
import type { Need } from '../../domain/people.ts';
import type { ExplanationLine } from '../../matching/instance.ts';
import { MENTOR_KIND_LABELS, NEED_LABELS, TRACK_LABELS } from '../../matching/reference-codes.ts';
import type { VisibleProfile } from '../../domain/visible-profile.ts';
import type { ServiceContext } from '../context.ts';
import { queueEmailTo } from '../notifications/queue-email.ts';
import { actionLinkUrl, signActionLink, type ActionLinkPurpose } from './action-links.ts';

/** What services that issue one-click links need besides the usual context. */
export type LinkingContext = ServiceContext & { linkSecret: string };

const MODE_LABELS = {
  in_person: 'en présentiel',
  remote: 'à distance',
  both: 'en présentiel ou à distance',
};
const labelNeeds = (values: readonly string[]) =>
  values.map((value) => NEED_LABELS[value as Need]).filter(Boolean);

/** The mentor as a mentee sees them in a proposal. */
export async function visibleMentorProfile(
  db: Executor,
  mentorId: string,
): Promise<VisibleProfile> {
  const mentor = await findMentorById(db, mentorId);
  if (!mentor) throw new Error(`no mentor profile for ${mentorId}`);
  const { profile, user } = mentor;
  const names = await findCommuneNames(db, profile.communeCode ? [profile.communeCode] : []);
  const role = [MENTOR_KIND_LABELS[profile.kind], profile.jobTitle].filter(Boolean).join(', ');
  return {
    firstName: user.firstName,
    headline: `Mentor · ${role}`,
    commune: profile.communeCode ? (names.get(profile.communeCode) ?? null) : null,
    meetingMode: MODE_LABELS[profile.mode],
    topics: labelNeeds(profile.expertise),
    about: profile.bio,
  };
}

/** The mentee as a mentor sees them in a proposal. */
export async function visibleMenteeProfile(
  db: Executor,
  menteeId: string,
): Promise<VisibleProfile> {
  const file = await findMenteeFile(db, menteeId);
  if (!file) throw new Error(`no mentee profile for ${menteeId}`);
  const { profile, user } = file;
  const names = await findCommuneNames(db, profile.communeCode ? [profile.communeCode] : []);
  return {
    firstName: user.firstName,
    headline: `Mentoré·e · ${TRACK_LABELS[profile.track]}`,
    commune: profile.communeCode ? (names.get(profile.communeCode) ?? null) : null,
    meetingMode: MODE_LABELS[profile.mode],
    topics: labelNeeds(profile.needs),
    about: [profile.businessProject, profile.aboutMe].filter(Boolean).join('\n') || null,
  };
}

/** The engine's reasons in plain French: the criteria that weighed most, strongest first. */
export function reasonsOf(explanation: unknown, count = 4): string[] {
  if (!Array.isArray(explanation)) return [];
  return (explanation as ExplanationLine[])
    .filter((line) => line.contribution > 0 && line.text)
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, count)
    .map((line) => line.text);
}

/** A signed link for `user` to act on `subjectId`, valid until `expiresAt`. */
export function linkFor(
  context: LinkingContext,
  purpose: ActionLinkPurpose,
  user: { id: string },
  subjectId: string,
  expiresAt: Date,
): string {
  return actionLinkUrl(
    context.publicUrl,
    signActionLink(context.linkSecret, { purpose, userId: user.id, subjectId, expiresAt }),
  );
}

/**
 * Queues the proposal to one side (or the reminder of it): the other's visible profile, the
 * reasons, the reply deadline, and one-click accept and decline links that expire with it.
 */
export async function queueProposalEmail(
  tx: Executor,
  context: LinkingContext,
  input: {
    template: 'tandem_proposal' | 'tandem_proposal_reminder';
    tandem: TandemRow;
    side: TandemSide;
    recipient: UserRow;
    programName: string;
  },
): Promise<void> {
  const { tandem, side, recipient } = input;
  const deadline = tandem.replyDeadlineAt ?? addMinutes(context.clock.now(), 7 * 24 * 60);
  const other =
    side === 'mentee'
      ? await visibleMentorProfile(tx, tandem.mentorId)
      : await visibleMenteeProfile(tx, tandem.menteeId);
  await queueEmailTo(
    tx,
    recipient,
    `${input.template}_to_${side}`,
    {
      programName: input.programName,
      other,
      reasons: reasonsOf(tandem.explanation),
      replyDeadline: deadline.toISOString(),
      acceptLink: linkFor(context, 'proposal_accept', recipient, tandem.id, deadline),
      declineLink: linkFor(context, 'proposal_decline', recipient, tandem.id, deadline),
      tandemId: tandem.id,
    },
    { runAt: context.clock.now() },
  );
}

/** A link to log a meeting of the tandem in one click (valid for `MEETING_LINK_DAYS`). */
export function meetingLinkFor(context: LinkingContext, user: { id: string }, tandemId: string) {
  return linkFor(
    context,
    'meeting_log',
    user,
    tandemId,
    addMinutes(context.clock.now(), MEETING_LINK_DAYS * 24 * 60),
  );
}

/**
 * Who follows a tandem at the hub: the coordinator who published its round when still
 * active, otherwise every active coordinator.
 */
export async function coordinatorsOf(tx: Executor, tandem: TandemRow): Promise<UserRow[]> {
  const round = tandem.roundId ? await findMatchingRound(tx, tandem.roundId) : undefined;
  const coordinators = await findActiveCoordinators(tx);
  const publisher = coordinators.find((user) => user.id === round?.publishedBy);
  return publisher ? [publisher] : coordinators;
}

/** The mentee's referrer (a partner's staff member), if any and still reachable. */
export async function referrerOf(tx: Executor, menteeId: string): Promise<UserRow | undefined> {
  const file = await findMenteeFile(tx, menteeId);
  if (!file?.profile.referrerId) return undefined;
  const [referrer] = await findUsersByIds(tx, [file.profile.referrerId]);
  return referrer && referrer.status !== 'disabled' && !referrer.erasedAt ? referrer : undefined;
}

/** Both people of a tandem. */
export async function peopleOf(
  tx: Executor,
  tandem: TandemRow,
): Promise<{ mentee: UserRow; mentor: UserRow }> {
  const users = await findUsersByIds(tx, [tandem.menteeId, tandem.mentorId]);
  const mentee = users.find((user) => user.id === tandem.menteeId);
  const mentor = users.find((user) => user.id === tandem.mentorId);
  if (!mentee || !mentor) throw new Error(`tandem ${tandem.id} lost a person`);
  return { mentee, mentor };
}
