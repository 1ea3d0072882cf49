import type { Executor } from '../../db/client.ts';
import { isConstraintViolation } from '../../db/errors.ts';
import {
  findMenteesWithCurrentTandem,
  listRoundProposals,
  lockMentorProfiles,
  setProposalsStatus,
  updateMatchingRound,
  type MatchingRoundRow,
  type MatchProposalRow,
} from '../../db/repositories/matching-rounds-repository.ts';
import {
  findUsersByIds,
  insertStatusHistory,
  insertTandems,
  MENTOR_CAPACITY_CHECK,
  ONE_CURRENT_TANDEM_INDEX,
  type NewTandem,
  type TandemRow,
} from '../../db/repositories/tandems-repository.ts';
import { addMinutes } from '../../domain/clock.ts';
import { AppError } from '../../domain/errors.ts';
import { requireRole } from '../../domain/policies.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin } from '../context.ts';
import { queueProposalEmail, type LinkingContext } from '../tandems/tandem-emails.ts';
import { lockStagedRound } from './check-staged-pair.ts';
import { MATCHMAKERS } from './round-rules.ts';

export type PublishMatchingRoundOptions = {
  roundId: string;
  origin: RequestOrigin;
};

export type PublishedRound = { round: MatchingRoundRow; tandems: TandemRow[] };

/**
 * Publishes a staged round: every staged proposal becomes a tandem in `proposed`, with the
 * programme's reply deadline, and both sides are e-mailed. All or nothing, in one transaction.
 *
 * Capacity is re-checked against the database with the proposed mentors' rows locked (in id
 * order): a coordinator publishing another round at the same moment waits, then this one
 * counts their tandems. The capacity CHECK and the one-current-tandem index stay the last
 * word if anything slips past (see `createProposedTandems`).
 */
export async function publishMatchingRound(
  context: LinkingContext,
  options: PublishMatchingRoundOptions,
): Promise<PublishedRound> {
  const actor = requireRole(options.origin.actor, MATCHMAKERS);
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    const { round, program } = await lockStagedRound(tx, options.roundId);
    const proposals = await listRoundProposals(tx, round.id, 'staged');
    await requireRoomFor(tx, proposals);
    const deadline = addMinutes(now, program.proposalDeadlineDays * 24 * 60);
    const created = await createProposedTandems(
      tx,
      proposals.map((proposal) => ({
        programId: round.programId,
        cohortId: round.cohortId,
        menteeId: proposal.menteeId,
        mentorId: proposal.mentorId,
        roundId: round.id,
        proposalId: proposal.id,
        status: 'proposed',
        score: proposal.score,
        explanation: proposal.explanation,
        proposedAt: now,
        replyDeadlineAt: deadline,
        createdAt: now,
      })),
    );
    await insertStatusHistory(
      tx,
      created.map((tandem) => ({
        tandemId: tandem.id,
        fromStatus: null,
        toStatus: 'proposed' as const,
        changedBy: actor.userId,
        changedAt: now,
        reason: 'round_published',
      })),
    );
    await setProposalsStatus(
      tx,
      proposals.map((proposal) => proposal.id),
      'published',
    );
    const published = await updateMatchingRound(tx, round.id, {
      status: 'published',
      publishedAt: now,
      publishedBy: actor.userId,
    });
    const people = new Map(
      (
        await findUsersByIds(tx, [...new Set(created.flatMap((t) => [t.menteeId, t.mentorId]))])
      ).map((user) => [user.id, user]),
    );
    for (const tandem of created) {
      for (const side of ['mentee', 'mentor'] as const) {
        await queueProposalEmail(tx, context, {
          template: 'tandem_proposal',
          tandem,
          side,
          recipient: people.get(side === 'mentee' ? tandem.menteeId : tandem.mentorId)!,
          programName: program.name,
        });
      }
    }
    await recordAudit(tx, options.origin, now, {
      action: 'matching.round_publish',
      subjectType: 'matching_round',
      subjectId: round.id,
      details: { tandems: created.length, replyDeadlineAt: deadline.toISOString() },
    });
    return { round: published, tandems: created };
  });
}

/**
 * Refuses the publication, naming the proposals at fault, when a proposed mentor is no
 * longer active or would go past capacity, or a mentee already holds a tandem. Mentor rows
 * stay locked until the transaction ends.
 */
async function requireRoomFor(tx: Executor, proposals: readonly MatchProposalRow[]) {
  const demand = new Map<string, number>();
  for (const proposal of proposals) {
    demand.set(proposal.mentorId, (demand.get(proposal.mentorId) ?? 0) + 1);
  }
  const mentors = await lockMentorProfiles(tx, [...demand.keys()].sort());
  const full = mentors
    .filter(
      (mentor) =>
        mentor.status !== 'active' ||
        mentor.activeTandemCount + demand.get(mentor.userId)! > mentor.capacity,
    )
    .map((mentor) => mentor.userId);
  if (full.length > 0) {
    throw new AppError(
      'mentor_at_capacity',
      'Des mentors de ce tour n’ont plus de place (ou ne sont plus disponibles) : retirez ou remplacez ces propositions, puis publiez.',
      { proposalIds: proposals.filter((p) => full.includes(p.mentorId)).map((p) => p.id) },
    );
  }
  const busy = await findMenteesWithCurrentTandem(
    tx,
    proposals.map((proposal) => proposal.menteeId),
  );
  if (busy.length > 0) {
    throw new AppError('mentee_already_in_tandem', undefined, {
      proposalIds: proposals.filter((p) => busy.includes(p.menteeId)).map((p) => p.id),
    });
  }
}

/**
 * Inserts proposed tandems. The database is the final guard: the trigger-maintained slot
 * count with its CHECK, and the one-current-tandem index, turn a race the locks did not
 * prevent into `mentor_at_capacity` or `mentee_already_in_tandem`, and the whole
 * transaction rolls back.
 */
export async function createProposedTandems(
  tx: Executor,
  rows: readonly NewTandem[],
): Promise<TandemRow[]> {
  try {
    return await insertTandems(tx, rows);
  } catch (error) {
    if (isConstraintViolation(error, MENTOR_CAPACITY_CHECK))
      throw new AppError('mentor_at_capacity');
    if (isConstraintViolation(error, ONE_CURRENT_TANDEM_INDEX)) {
      throw new AppError('mentee_already_in_tandem');
    }
    throw error;
  }
}
