import type { Executor } from '../../db/client.ts';
import {
  findEligibleMentors,
  findExcludedPairs,
  findWaitingMentees,
  insertMatchingRound,
  insertMatchProposals,
  type MatchingRoundRow,
} from '../../db/repositories/matching-rounds-repository.ts';
import { requireRole } from '../../domain/policies.ts';
import type { MatchingMode } from '../../domain/tandems.ts';
import { matchInstance } from '../../matching/match-instance.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import {
  engineWeightsOf,
  toEngineExclusions,
  toEngineMentee,
  toEngineMentor,
} from './engine-input.ts';
import {
  dedicatedRestriction,
  MATCHMAKERS,
  resolveRoundScope,
  type RoundScope,
} from './round-rules.ts';

/** Largest pool (mentees × mentors) whose round is priced out to a certified optimum. */
const CERTIFY_UP_TO_PAIRS = 25_000_000;

export type RunMatchingRoundOptions = {
  scope: RoundScope;
  mode: MatchingMode;
  origin: RequestOrigin;
};

/**
 * Runs the engine over a scope's waiting mentees and the mentors who may be proposed now
 * (active, a free slot, dedicated to the programme when it requires it), with the
 * programme's weights and minimum score, recorded exclusions and past declines. The result
 * is only staged: each proposal keeps its score and the engine's explanation, nobody is told
 * anything until the round is published.
 */
export async function runMatchingRound(
  context: ServiceContext,
  options: RunMatchingRoundOptions,
): Promise<MatchingRoundRow> {
  requireRole(options.origin.actor, MATCHMAKERS);
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    const round = await stageRound(tx, {
      scope: options.scope,
      mode: options.mode,
      now,
      createdBy: options.origin.actor.kind === 'user' ? options.origin.actor.userId : null,
    });
    await recordAudit(tx, options.origin, now, {
      action: 'matching.round_run',
      subjectType: 'matching_round',
      subjectId: round.id,
      details: { scope: options.scope.kind, mode: options.mode, summary: round.summary },
    });
    return round;
  });
}

/**
 * The work of a round inside the caller's transaction (also used to stage re-matches):
 * loads the pool, runs the engine, stores the round and its staged proposals.
 */
export async function stageRound(
  tx: Executor,
  input: {
    scope: RoundScope;
    mode: MatchingMode;
    now: Date;
    createdBy: string | null;
    reason?: string;
    /** Pairs left out of this round only (the mentor of a tandem being replaced). */
    alsoExclude?: { menteeId: string; mentorId: string }[];
  },
): Promise<MatchingRoundRow> {
  const { program, cohortId, selection } = await resolveRoundScope(tx, input.scope);
  const mentees = await findWaitingMentees(tx, selection);
  const mentors = await findEligibleMentors(tx, {
    restrictToProgram: dedicatedRestriction(program, cohortId),
  });
  const excluded = [
    ...(await findExcludedPairs(
      tx,
      mentees.map((mentee) => mentee.user.id),
    )),
    ...(input.alsoExclude ?? []),
  ];
  const output = matchInstance(
    {
      mentees: mentees.map((mentee) => toEngineMentee(mentee, program.id, input.now)),
      mentors: mentors.map((mentor) =>
        toEngineMentor(mentor, mentor.profile.capacity - mentor.profile.activeTandemCount),
      ),
      exclusions: toEngineExclusions(excluded),
    },
    {
      mode: input.mode,
      scoring: {
        weights: engineWeightsOf(program),
        ...(program.minimumScore !== null ? { minScore: program.minimumScore } : {}),
        explain: true,
        // Pools up to cohort size price their few pruned pairs in seconds, so the staged
        // round is exact for all pairs; a national pool would hold the transaction for
        // minutes (decision 0107), so it keeps the top-k optimum and its pruning count.
        priceOutPruned: mentees.length * mentors.length <= CERTIFY_UP_TO_PAIRS,
      },
    },
  );
  const round = await insertMatchingRound(tx, {
    programId: program.id,
    cohortId,
    mode: input.mode,
    status: 'staged',
    parameters: {
      scope: input.scope,
      ...(input.reason ? { reason: input.reason } : {}),
      minimumScore: program.minimumScore,
    },
    summary: {
      menteeCount: mentees.length,
      mentorCount: mentors.length,
      matchedCount: output.matchedCount,
      unmatched: output.unmatched,
      totalScore: output.totalScore,
    },
    createdBy: input.createdBy,
    createdAt: input.now,
  });
  await insertMatchProposals(
    tx,
    output.assignments.map((line) => ({
      roundId: round.id,
      menteeId: line.mentee,
      mentorId: line.mentor,
      score: line.score,
      explanation: line.explanation ?? [],
      status: 'staged' as const,
      createdAt: input.now,
    })),
  );
  return round;
}
