import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../test/support/clock.ts';
import { failureCode } from '../../../test/support/errors.ts';
import {
  createMentee,
  createMentor,
  createProgram,
  createTandem,
  enrolMentee,
} from '../../../test/support/factories.ts';
import { originOf } from '../../../test/support/origins.ts';
import { queuedEmailsTo } from '../../../test/support/outbox.ts';
import { linkingContextFor } from '../../../test/support/linking-context.ts';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import { insertPairExclusion } from '../../db/repositories/matching-rounds-repository.ts';
import {
  jobs,
  matchProposals,
  mentorProfiles,
  programMentors,
  programs,
  tandems,
  tandemStatusHistory,
} from '../../db/schema/index.ts';
import { isAppError } from '../../domain/errors.ts';
import type { RequestOrigin } from '../context.ts';
import type { LinkingContext } from '../tandems/tandem-emails.ts';
import { addStagedProposal } from './add-staged-proposal.ts';
import { createProposedTandems, publishMatchingRound } from './publish-matching-round.ts';
import { removeStagedProposal } from './remove-staged-proposal.ts';
import { runMatchingRound } from './run-matching-round.ts';
import { swapStagedMentors } from './swap-staged-mentors.ts';

let handle: DatabaseHandle;
const clock = manualClock();
let context: LinkingContext;
let coordinator: RequestOrigin;

beforeAll(async () => {
  handle = await createTestDatabase();
  context = linkingContextFor(handle.db, clock);
  coordinator = await originOf(handle.db, 'coordinator');
});
afterAll(async () => handle.close());

/**
 * A programme restricted to its dedicated mentors, so that each test sees only its own
 * people in a shared database.
 */
async function programWith(options: {
  mentors: Parameters<typeof createMentor>[1][];
  mentees: Parameters<typeof createMentee>[1][];
}) {
  const program = await createProgram(handle.db, { restrictToDedicatedMentors: true });
  const mentors = [];
  for (const profile of options.mentors) {
    const mentor = await createMentor(handle.db, { kind: 'recruiter', ...profile });
    await handle.db
      .insert(programMentors)
      .values({ programId: program.id, mentorId: mentor.user.id });
    mentors.push(mentor);
  }
  const mentees = [];
  for (const profile of options.mentees) {
    const mentee = await createMentee(handle.db, profile);
    await enrolMentee(handle.db, { programId: program.id, menteeId: mentee.user.id });
    mentees.push(mentee);
  }
  return { program, mentors, mentees };
}

async function proposalsOf(roundId: string) {
  return handle.db.select().from(matchProposals).where(eq(matchProposals.roundId, roundId));
}

describe('running a round', () => {
  it('stages explained proposals for the waiting mentees, and tells nobody', async () => {
    const { program, mentors, mentees } = await programWith({
      mentors: [
        { capacity: 1, expertise: ['cv_interviews'], occupationCode: 'M1805' },
        { capacity: 1, expertise: ['network'] },
      ],
      mentees: [
        { needs: ['cv_interviews'], targetOccupationCode: 'M1805' },
        { needs: ['network'] },
      ],
    });
    const jobsBefore = (await handle.db.select().from(jobs)).length;
    const round = await runMatchingRound(context, {
      scope: { kind: 'program', programId: program.id },
      mode: 'optimal',
      origin: coordinator,
    });
    expect(round).toMatchObject({ status: 'staged', programId: program.id, mode: 'optimal' });
    expect(round.summary).toMatchObject({ menteeCount: 2, mentorCount: 2, matchedCount: 2 });
    const proposals = await proposalsOf(round.id);
    expect(proposals.map((p) => [p.menteeId, p.mentorId]).sort()).toEqual(
      [
        [mentees[0]!.user.id, mentors[0]!.user.id],
        [mentees[1]!.user.id, mentors[1]!.user.id],
      ].sort(),
    );
    for (const proposal of proposals) {
      const lines = proposal.explanation as { contribution: number; text: string }[];
      const sum = lines.reduce((total, line) => total + line.contribution, 0);
      expect(sum).toBeCloseTo(proposal.score, 12);
      expect(lines.every((line) => typeof line.text === 'string')).toBe(true);
    }
    expect((await handle.db.select().from(jobs)).length).toBe(jobsBefore);
    expect(await handle.db.select().from(tandems).where(eq(tandems.roundId, round.id))).toEqual([]);
  });

  it('never proposes a paused or full mentor, an excluded pair or a mentee in a tandem', async () => {
    const { program, mentors, mentees } = await programWith({
      mentors: [{ status: 'paused', capacity: 3 }, { capacity: 1 }, { capacity: 2 }],
      mentees: [{}, {}, {}],
    });
    // Mentor 1 is full: a current tandem elsewhere holds its only slot.
    const other = await createMentee(handle.db);
    await createTandem(handle.db, {
      menteeId: other.user.id,
      mentorId: mentors[1]!.user.id,
      programId: program.id,
    });
    // Mentee 0 may not be paired with mentor 2; mentee 2 already has a tandem.
    await insertPairExclusion(handle.db, {
      menteeId: mentees[0]!.user.id,
      mentorId: mentors[2]!.user.id,
      reason: 'conflict',
    });
    const busyMentor = await createMentor(handle.db, { capacity: 2 });
    await createTandem(handle.db, {
      menteeId: mentees[2]!.user.id,
      mentorId: busyMentor.user.id,
      programId: program.id,
      status: 'active',
    });
    const round = await runMatchingRound(context, {
      scope: { kind: 'program', programId: program.id },
      mode: 'greedy',
      origin: coordinator,
    });
    const proposals = await proposalsOf(round.id);
    expect(proposals.map((p) => [p.menteeId, p.mentorId])).toEqual([
      [mentees[1]!.user.id, mentors[2]!.user.id],
    ]);
    expect(round.summary).toMatchObject({ menteeCount: 2, mentorCount: 1 });
  });
});

describe('staging edits', () => {
  it('removes, adds and swaps pairs, re-checked by the engine', async () => {
    const { program, mentors, mentees } = await programWith({
      mentors: [{ capacity: 1 }, { capacity: 1 }, { status: 'paused', capacity: 1 }],
      mentees: [{}, {}, {}],
    });
    const round = await runMatchingRound(context, {
      scope: { kind: 'program', programId: program.id },
      mode: 'optimal',
      origin: coordinator,
    });
    const staged = (await proposalsOf(round.id)).filter((p) => p.status === 'staged');
    expect(staged).toHaveLength(2);
    const [first, second] = staged as [(typeof staged)[0], (typeof staged)[0]];

    const swapped = await swapStagedMentors(context, {
      roundId: round.id,
      proposalIds: [first.id, second.id],
      origin: coordinator,
    });
    expect(swapped.map((p) => [p.menteeId, p.mentorId])).toEqual([
      [first.menteeId, second.mentorId],
      [second.menteeId, first.mentorId],
    ]);
    expect(swapped.every((p) => p.addedByCoordinator)).toBe(true);

    // The third mentee: the paused mentor is refused, a full one too, a free one is not.
    const waiting = mentees.find(
      (mentee) => !staged.some((proposal) => proposal.menteeId === mentee.user.id),
    )!;
    expect(
      await failureCode(
        addStagedProposal(context, {
          roundId: round.id,
          menteeId: waiting.user.id,
          mentorId: mentors[2]!.user.id,
          origin: coordinator,
        }),
      ),
    ).toBe('pair_not_allowed');
    expect(
      await failureCode(
        addStagedProposal(context, {
          roundId: round.id,
          menteeId: waiting.user.id,
          mentorId: mentors[0]!.user.id,
          origin: coordinator,
        }),
      ),
    ).toBe('mentor_at_capacity');
    await removeStagedProposal(context, {
      roundId: round.id,
      proposalId: swapped[0]!.id,
      origin: coordinator,
    });
    const added = await addStagedProposal(context, {
      roundId: round.id,
      menteeId: waiting.user.id,
      mentorId: swapped[0]!.mentorId,
      origin: coordinator,
    });
    expect(added).toMatchObject({ status: 'staged', addedByCoordinator: true });
    expect(added.score).toBeCloseTo(
      (added.explanation as { contribution: number }[]).reduce((s, l) => s + l.contribution, 0),
      12,
    );
    // An excluded pair cannot be staged by hand either.
    await removeStagedProposal(context, {
      roundId: round.id,
      proposalId: added.id,
      origin: coordinator,
    });
    await insertPairExclusion(handle.db, {
      menteeId: waiting.user.id,
      mentorId: swapped[0]!.mentorId,
      reason: 'declined',
    });
    expect(
      await failureCode(
        addStagedProposal(context, {
          roundId: round.id,
          menteeId: waiting.user.id,
          mentorId: swapped[0]!.mentorId,
          origin: coordinator,
        }),
      ),
    ).toBe('pair_not_allowed');
  });

  it('is for staff only', async () => {
    const mentor = await originOf(handle.db, 'mentor');
    expect(
      await failureCode(
        runMatchingRound(context, { scope: { kind: 'pool' }, mode: 'greedy', origin: mentor }),
      ),
    ).toBe('forbidden');
  });
});

describe('publishing', () => {
  it('creates proposed tandems with the programme’s deadline and e-mails both sides', async () => {
    const { program, mentors, mentees } = await programWith({
      mentors: [{ capacity: 2 }],
      mentees: [{}],
    });
    await handle.db
      .update(programs)
      .set({ proposalDeadlineDays: 5 })
      .where(eq(programs.id, program.id));
    const round = await runMatchingRound(context, {
      scope: { kind: 'program', programId: program.id },
      mode: 'stable',
      origin: coordinator,
    });
    const { round: published, tandems: created } = await publishMatchingRound(context, {
      roundId: round.id,
      origin: coordinator,
    });
    expect(published.status).toBe('published');
    expect(created).toHaveLength(1);
    const tandem = created[0]!;
    expect(tandem).toMatchObject({
      status: 'proposed',
      menteeId: mentees[0]!.user.id,
      mentorId: mentors[0]!.user.id,
      roundId: round.id,
    });
    expect(tandem.replyDeadlineAt!.getTime() - clock.now().getTime()).toBe(5 * 86_400_000);
    const history = await handle.db
      .select()
      .from(tandemStatusHistory)
      .where(eq(tandemStatusHistory.tandemId, tandem.id));
    expect(history.map((row) => [row.fromStatus, row.toStatus])).toEqual([[null, 'proposed']]);
    const [toMentee] = await queuedEmailsTo(handle.db, mentees[0]!.user.email);
    expect(toMentee).toMatchObject({ template: 'tandem_proposal_to_mentee' });
    expect(toMentee!.params.acceptLink).toMatch(
      /^https:\/\/hub\.example\.test\/liens\/[\w-]+\.[\w-]+$/,
    );
    expect(toMentee!.params.other).toMatchObject({ firstName: mentors[0]!.user.firstName });
    expect(JSON.stringify(toMentee!.params.other)).not.toContain(mentors[0]!.user.email!);
    const [toMentor] = await queuedEmailsTo(handle.db, mentors[0]!.user.email);
    expect(toMentor).toMatchObject({ template: 'tandem_proposal_to_mentor' });
    const [profile] = await handle.db
      .select()
      .from(mentorProfiles)
      .where(eq(mentorProfiles.userId, mentors[0]!.user.id));
    expect(profile!.activeTandemCount).toBe(1);
    expect(
      await failureCode(
        removeStagedProposal(context, {
          roundId: round.id,
          proposalId: tandem.proposalId!,
          origin: coordinator,
        }),
      ),
    ).toBe('round_not_staged');
    expect(
      await failureCode(publishMatchingRound(context, { roundId: round.id, origin: coordinator })),
    ).toBe('round_not_staged');
  });

  it('never lets two coordinators publishing at once push a mentor past capacity', async () => {
    const mentor = await createMentor(handle.db, { capacity: 1 });
    const rounds = [];
    for (let i = 0; i < 2; i++) {
      const program = await createProgram(handle.db, { restrictToDedicatedMentors: true });
      await handle.db
        .insert(programMentors)
        .values({ programId: program.id, mentorId: mentor.user.id });
      const mentee = await createMentee(handle.db);
      await enrolMentee(handle.db, { programId: program.id, menteeId: mentee.user.id });
      rounds.push(
        await runMatchingRound(context, {
          scope: { kind: 'program', programId: program.id },
          mode: 'optimal',
          origin: coordinator,
        }),
      );
    }
    // Both rounds staged the same mentor while their slot was free.
    for (const round of rounds) expect(await proposalsOf(round.id)).toHaveLength(1);
    const other = await originOf(handle.db, 'coordinator');
    const results = await Promise.allSettled([
      publishMatchingRound(context, { roundId: rounds[0]!.id, origin: coordinator }),
      publishMatchingRound(context, { roundId: rounds[1]!.id, origin: other }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((result) => result.status === 'rejected');
    const reason: unknown = (failed as PromiseRejectedResult).reason;
    expect(isAppError(reason, 'mentor_at_capacity'), String(reason)).toBe(true);
    const held = await handle.db.select().from(tandems).where(eq(tandems.mentorId, mentor.user.id));
    expect(held).toHaveLength(1);
    const [profile] = await handle.db
      .select()
      .from(mentorProfiles)
      .where(eq(mentorProfiles.userId, mentor.user.id));
    expect(profile!.activeTandemCount).toBe(1);
    // The losing round is still staged, untouched, and can be edited and published later.
    const losing = rounds[results.findIndex((result) => result.status === 'rejected')]!;
    expect((await proposalsOf(losing.id))[0]!.status).toBe('staged');
  });

  it('keeps the database constraint as the final guard when the checks are bypassed', async () => {
    const mentor = await createMentor(handle.db, { capacity: 1 });
    const program = await createProgram(handle.db);
    const [a, b] = [await createMentee(handle.db), await createMentee(handle.db)];
    const rows = [a, b].map((mentee) => ({
      programId: program.id,
      menteeId: mentee.user.id,
      mentorId: mentor.user.id,
      status: 'proposed' as const,
    }));
    expect(await failureCode(handle.db.transaction((tx) => createProposedTandems(tx, rows)))).toBe(
      'mentor_at_capacity',
    );
    expect(
      await handle.db
        .select()
        .from(tandems)
        .where(inArray(tandems.menteeId, [a.user.id, b.user.id])),
    ).toEqual([]);
    const sameMentee = [0, 1].map(
      async () => (await createMentor(handle.db, { capacity: 2 })).user.id,
    );
    const mentorIds = await Promise.all(sameMentee);
    expect(
      await failureCode(
        handle.db.transaction((tx) =>
          createProposedTandems(
            tx,
            mentorIds.map((mentorId) => ({ programId: program.id, menteeId: a.user.id, mentorId })),
          ),
        ),
      ),
    ).toBe('mentee_already_in_tandem');
  });
});
