import type { Executor } from '../../db/client.ts';
import {
  findEligibleMentors,
  findExcludedPairs,
  findWaitingMentees,
  listRoundProposals,
  lockMatchingRound,
  type MatchingRoundRow,
} from '../../db/repositories/matching-rounds-repository.ts';
import { findMenteeFile } from '../../db/repositories/mentees-repository.ts';
import { findMentorById } from '../../db/repositories/mentors-repository.ts';
import { findProgramInScope, type ProgramRow } from '../../db/repositories/programs-repository.ts';
import { AppError } from '../../domain/errors.ts';
import type { ExplanationLine } from '../../matching/instance.ts';
import { engineWeightsOf, judgePair, toEngineMentee, toEngineMentor } from './engine-input.ts';
import { dedicatedRestriction } from './round-rules.ts';

/** A staged round, locked for an edit; anything else is `not_found` or `round_not_staged`. */
export async function lockStagedRound(
  tx: Executor,
  roundId: string,
): Promise<{ round: MatchingRoundRow; program: ProgramRow }> {
  const round = await lockMatchingRound(tx, roundId);
  if (!round) throw new AppError('not_found', 'Tour d’appariement introuvable.');
  if (round.status !== 'staged') throw new AppError('round_not_staged');
  const program = await findProgramInScope(tx, round.programId, { kind: 'all' });
  if (!program) throw new AppError('not_found', 'Programme introuvable.');
  return { round, program };
}

/**
 * Re-checks a pair a coordinator stages by hand, with the rules a round applies: the mentee
 * waits without a current tandem and has no other staged proposal in the round; the mentor is
 * active, dedicated to the programme when it requires it, and keeps a free slot once the
 * round's other staged proposals are counted; then the engine's hard constraints (exclusions,
 * past declines, conflicts of interest) and its explained score. Proposals in `ignoring` are
 * left out of the counts (those a swap replaces).
 */
export async function checkStagedPair(
  tx: Executor,
  staged: { round: MatchingRoundRow; program: ProgramRow },
  pair: { menteeId: string; mentorId: string },
  options: { now: Date; ignoring?: readonly string[] },
): Promise<{ score: number; explanation: ExplanationLine[] }> {
  const { round, program } = staged;
  const ignoring = new Set(options.ignoring ?? []);
  const proposals = (await listRoundProposals(tx, round.id, 'staged')).filter(
    (proposal) => !ignoring.has(proposal.id),
  );
  const [mentee] = await findWaitingMentees(tx, { kind: 'mentees', menteeIds: [pair.menteeId] });
  if (!mentee) {
    if (!(await findMenteeFile(tx, pair.menteeId))) {
      throw new AppError('not_found', 'Mentoré·e introuvable.');
    }
    throw new AppError('mentee_already_in_tandem');
  }
  if (proposals.some((proposal) => proposal.menteeId === pair.menteeId)) {
    throw new AppError(
      'conflict',
      'Cette personne a déjà une proposition dans ce tour : retirez-la ou échangez.',
    );
  }
  const [mentor] = await findEligibleMentors(tx, {
    restrictToProgram: dedicatedRestriction(program, round.cohortId),
    mentorIds: [pair.mentorId],
  });
  if (!mentor) await explainIneligibleMentor(tx, pair.mentorId);
  const stagedForMentor = proposals.filter((p) => p.mentorId === pair.mentorId).length;
  const freeSlots = mentor!.profile.capacity - mentor!.profile.activeTandemCount - stagedForMentor;
  if (freeSlots <= 0) throw new AppError('mentor_at_capacity');
  const verdict = judgePair(
    toEngineMentee(mentee, program.id, options.now),
    toEngineMentor(mentor!, freeSlots),
    await findExcludedPairs(tx, [pair.menteeId]),
    engineWeightsOf(program),
  );
  if (!verdict.allowed) {
    throw new AppError('pair_not_allowed', undefined, { reason: verdict.reason });
  }
  return { score: verdict.score, explanation: verdict.explanation };
}

async function explainIneligibleMentor(tx: Executor, mentorId: string): Promise<never> {
  const mentor = await findMentorById(tx, mentorId);
  if (!mentor) throw new AppError('not_found', 'Mentor introuvable.');
  if (mentor.profile.status !== 'active') {
    throw new AppError('pair_not_allowed', undefined, {
      reason: mentor.profile.status === 'paused' ? 'mentor_paused' : 'mentor_inactive',
    });
  }
  if (mentor.profile.activeTandemCount >= mentor.profile.capacity) {
    throw new AppError('mentor_at_capacity');
  }
  throw new AppError('pair_not_allowed', undefined, { reason: 'program_restricted' });
}
