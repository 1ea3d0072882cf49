import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../test/support/clock.ts';
import { failureCode } from '../../../test/support/errors.ts';
import {
  createMentee,
  createMentor,
  createPartner,
  createProgram,
  createUser,
  enrolMentee,
} from '../../../test/support/factories.ts';
import { originOf } from '../../../test/support/origins.ts';
import {
  actionLinkPathFor,
  queuedEmailsTo,
  type QueuedEmail,
} from '../../../test/support/outbox.ts';
import { linkingContextFor } from '../../../test/support/linking-context.ts';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import {
  alerts,
  checkIns,
  jobs,
  matchingRounds,
  matchProposals,
  meetings,
  menteeProfiles,
  mentorProfiles,
  pairExclusions,
  programMentors,
  tandems,
  tandemStatusHistory,
} from '../../db/schema/index.ts';
import { findUserById } from '../../db/repositories/users-repository.ts';
import type { RequestOrigin } from '../context.ts';
import { findEmailTemplate } from '../notifications/templates/index.ts';
import { TANDEM_EMAIL_TEMPLATES } from '../notifications/templates/tandems.ts';
import { publishMatchingRound } from '../matching/publish-matching-round.ts';
import { runMatchingRound } from '../matching/run-matching-round.ts';
import { signActionLink } from './action-links.ts';
import { addTandemGoal } from './add-tandem-goal.ts';
import { endTandem } from './end-tandem.ts';
import { getTandem } from './get-tandem.ts';
import { logMeeting } from './log-meeting.ts';
import { openActionLink } from './open-action-link.ts';
import { processProposalDeadlines } from './process-proposal-deadlines.ts';
import { respondToProposal } from './respond-to-proposal.ts';
import type { LinkingContext } from './tandem-emails.ts';
import { updateTandemGoal } from './update-tandem-goal.ts';
import { useActionLink } from './use-action-link.ts';

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

/** The token of the newest link `param` of `template` e-mailed to `address`. */
async function linkToken(address: string | null, template: string, param: string) {
  return (await actionLinkPathFor(handle.db, address, template, param)).split('/liens/')[1]!;
}

async function tandemOf(menteeId: string, status?: string) {
  const rows = await handle.db
    .select()
    .from(tandems)
    .where(eq(tandems.menteeId, menteeId))
    .orderBy(desc(tandems.createdAt), desc(tandems.id));
  return status ? rows.find((row) => row.status === status) : rows[0];
}

async function stagedRematchOf(menteeId: string) {
  const rounds = await handle.db
    .select()
    .from(matchingRounds)
    .innerJoin(matchProposals, eq(matchProposals.roundId, matchingRounds.id))
    .where(and(eq(matchProposals.menteeId, menteeId), eq(matchingRounds.status, 'staged')));
  return rounds.map((row) => ({ round: row.matching_rounds, proposal: row.match_proposals }));
}

/** A programme with its own dedicated mentors, a referred mentee, a published proposal. */
async function publishedProposal(mentorCount = 2) {
  const partner = await createPartner(handle.db);
  const referrer = await createUser(handle.db, { role: 'referrer', partnerId: partner.id });
  const program = await createProgram(handle.db, { restrictToDedicatedMentors: true });
  const mentors = [];
  for (let i = 0; i < mentorCount; i++) {
    // The first mentor fits best, so the next-best is the second.
    const mentor = await createMentor(handle.db, {
      capacity: 1,
      kind: i === 0 ? 'recruiter' : 'retired',
      expertise: i === 0 ? ['cv_interviews', 'network'] : ['network'],
    });
    await handle.db
      .insert(programMentors)
      .values({ programId: program.id, mentorId: mentor.user.id });
    mentors.push(mentor);
  }
  const mentee = await createMentee(handle.db, {
    needs: ['cv_interviews', 'network'],
    partnerId: partner.id,
    referrerId: referrer.id,
  });
  await enrolMentee(handle.db, { programId: program.id, menteeId: mentee.user.id });
  const round = await runMatchingRound(context, {
    scope: { kind: 'program', programId: program.id },
    mode: 'optimal',
    origin: coordinator,
  });
  const { tandems: created } = await publishMatchingRound(context, {
    roundId: round.id,
    origin: coordinator,
  });
  return { program, mentors, mentee, referrer, tandem: created[0]! };
}

describe('double opt-in through one-click links', () => {
  it('declines, excludes the pair, stages the next best, then both accept', async () => {
    const { mentors, mentee, tandem } = await publishedProposal();
    expect(tandem.mentorId).toBe(mentors[0]!.user.id);
    const mentor = mentors[0]!.user;

    // GET: the confirmation page shows the other side and the reasons, and changes nothing.
    const declineToken = await linkToken(mentor.email, 'tandem_proposal_to_mentor', 'declineLink');
    const page = await openActionLink(context, { token: declineToken });
    expect(page).toMatchObject({ side: 'mentor', tandemId: tandem.id });
    expect(page.other.firstName).toBe(mentee.user.firstName);
    expect(page.reasons.length).toBeGreaterThan(0);
    expect((await tandemOf(mentee.user.id))!.status).toBe('proposed');

    // A tampered link (another purpose, same signature) does nothing.
    const [body, signature] = declineToken.split('.');
    const bytes = Buffer.from(body!, 'base64url');
    bytes.writeUInt8(0, 1); // proposal_decline → proposal_accept
    const forged = `${bytes.toString('base64url')}.${signature}`;
    expect(await failureCode(useActionLink(context, { token: forged, form: {} }))).toBe(
      'action_link_invalid',
    );
    // A decline needs a reason from the list.
    expect(
      await failureCode(useActionLink(context, { token: declineToken, form: { reason: 'x' } })),
    ).toBe('validation_failed');
    expect((await tandemOf(mentee.user.id))!.status).toBe('proposed');

    // POST: declines with a reason.
    await useActionLink(context, {
      token: declineToken,
      form: { reason: 'unavailable', comment: 'En déplacement ce mois-ci' },
    });
    const declined = (await tandemOf(mentee.user.id))!;
    expect(declined).toMatchObject({ status: 'declined', mentorDecision: 'declined' });
    expect(declined.declineReason).toContain('En déplacement');
    const [profile] = await handle.db
      .select()
      .from(mentorProfiles)
      .where(eq(mentorProfiles.userId, mentor.id));
    expect(profile!.activeTandemCount).toBe(0);
    const exclusions = await handle.db
      .select()
      .from(pairExclusions)
      .where(eq(pairExclusions.menteeId, mentee.user.id));
    expect(exclusions.map((row) => row.mentorId)).toEqual([mentor.id]);
    expect(
      await queuedEmailsTo(handle.db, mentee.user.email, 'tandem_proposal_declined'),
    ).toHaveLength(1);

    // Replaying the link, or the mentee's accept link of the closed proposal, changes nothing.
    expect(
      await failureCode(useActionLink(context, { token: declineToken, form: { reason: 'other' } })),
    ).toBe('action_link_used');
    const menteeAccept = await linkToken(
      mentee.user.email,
      'tandem_proposal_to_mentee',
      'acceptLink',
    );
    expect(await failureCode(openActionLink(context, { token: menteeAccept }))).toBe(
      'proposal_closed',
    );

    // The next best (the second mentor) is staged; publishing it proposes again.
    const rematch = await stagedRematchOf(mentee.user.id);
    expect(rematch.map((row) => row.proposal.mentorId)).toEqual([mentors[1]!.user.id]);
    expect(rematch[0]!.round.parameters).toMatchObject({ reason: 'proposal_declined' });
    const { tandems: second } = await publishMatchingRound(context, {
      roundId: rematch[0]!.round.id,
      origin: coordinator,
    });
    const proposal = second[0]!;
    expect(proposal.mentorId).toBe(mentors[1]!.user.id);

    const accepted = await useActionLink(context, {
      token: await linkToken(mentee.user.email, 'tandem_proposal_to_mentee', 'acceptLink'),
      form: {},
    });
    expect(accepted).toMatchObject({ purpose: 'proposal_accept', isTandemAccepted: false });
    const mentorTwo: RequestOrigin = {
      actor: { kind: 'user', userId: mentors[1]!.user.id, role: 'mentor', partnerId: null },
    };
    expect(
      await failureCode(
        respondToProposal(context, {
          tandemId: proposal.id,
          decision: 'declined',
          origin: mentorTwo,
        }),
      ),
    ).toBe('validation_failed');
    const both = await respondToProposal(context, {
      tandemId: proposal.id,
      decision: 'accepted',
      origin: mentorTwo,
    });
    expect(both).toMatchObject({ status: 'accepted', menteeDecision: 'accepted' });
    expect(both.acceptedAt).toEqual(clock.now());
    const [status] = await handle.db
      .select({ status: menteeProfiles.status })
      .from(menteeProfiles)
      .where(eq(menteeProfiles.userId, mentee.user.id));
    expect(status!.status).toBe('in_tandem');
    const [welcome] = await queuedEmailsTo(handle.db, mentee.user.email, 'tandem_accepted');
    expect(welcome!.params.other).toMatchObject({ email: mentors[1]!.user.email });
    expect(
      await failureCode(
        respondToProposal(context, {
          tandemId: proposal.id,
          decision: 'accepted',
          origin: mentorTwo,
        }),
      ),
    ).toBe('proposal_closed');
  });

  it('refuses an expired link, and one for another person’s tandem', async () => {
    const { mentee, tandem } = await publishedProposal(1);
    const expired = signActionLink(context.linkSecret, {
      purpose: 'proposal_accept',
      userId: mentee.user.id,
      subjectId: tandem.id,
      expiresAt: new Date(clock.now().getTime() - 1000),
    });
    expect(await failureCode(useActionLink(context, { token: expired, form: {} }))).toBe(
      'action_link_expired',
    );
    const stranger = await createMentee(handle.db);
    const foreign = signActionLink(context.linkSecret, {
      purpose: 'proposal_accept',
      userId: stranger.user.id,
      subjectId: tandem.id,
      expiresAt: new Date(clock.now().getTime() + 60_000),
    });
    expect(await failureCode(useActionLink(context, { token: foreign, form: {} }))).toBe(
      'action_link_invalid',
    );
    expect((await tandemOf(mentee.user.id))!.menteeDecision).toBeNull();
  });
});

describe('the tandem lifecycle', () => {
  it('starts at the first meeting, asks about the fit, alerts on a poor fit, ends early', async () => {
    const { mentors, mentee, tandem } = await publishedProposal();
    const mentor = mentors[0]!.user;
    const menteeOrigin: RequestOrigin = {
      actor: { kind: 'user', userId: mentee.user.id, role: 'mentee', partnerId: null },
    };
    const mentorOrigin: RequestOrigin = {
      actor: { kind: 'user', userId: mentor.id, role: 'mentor', partnerId: null },
    };
    await respondToProposal(context, {
      tandemId: tandem.id,
      decision: 'accepted',
      origin: menteeOrigin,
    });
    await respondToProposal(context, {
      tandemId: tandem.id,
      decision: 'accepted',
      origin: mentorOrigin,
    });

    // The mentor logs the first meeting from the e-mail link, with a private note.
    const meetingToken = await linkToken(mentor.email, 'tandem_accepted', 'meetingLink');
    const form = {
      date: '2026-11-24',
      durationMinutes: '60',
      mode: 'in_person',
      topics: 'CV, entretiens',
      privateNote: 'Très motivée, à relancer sur le réseau',
    };
    await useActionLink(context, { token: meetingToken, form });
    expect(await failureCode(useActionLink(context, { token: meetingToken, form }))).toBe(
      'action_link_used',
    );
    const logged = await handle.db.select().from(meetings).where(eq(meetings.tandemId, tandem.id));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      durationMinutes: 60,
      mode: 'in_person',
      topics: ['CV', 'entretiens'],
    });
    const active = (await tandemOf(mentee.user.id))!;
    expect(active.status).toBe('active');

    // Each side sees its own private notes only.
    const menteeView = await getTandem(context, { tandemId: tandem.id, origin: menteeOrigin });
    expect(menteeView.ownNotes).toEqual([]);
    expect(JSON.stringify(menteeView)).not.toContain('relancer');
    const mentorView = await getTandem(context, { tandemId: tandem.id, origin: mentorOrigin });
    expect(mentorView.ownNotes.map((note) => note.body)).toEqual([form.privateNote]);
    expect(
      await failureCode(
        getTandem(context, { tandemId: tandem.id, origin: await originOf(handle.db, 'mentor') }),
      ),
    ).toBe('not_found');

    // Both sides got the pairing-fit question; the mentee answers "not a good fit".
    const questions = await handle.db
      .select()
      .from(checkIns)
      .where(eq(checkIns.tandemId, tandem.id));
    expect(questions.map((row) => row.side).sort()).toEqual(['mentee', 'mentor']);
    const fitToken = await linkToken(mentee.user.email, 'pairing_fit_question', 'answerLink');
    await useActionLink(context, {
      token: fitToken,
      form: { answer: 'poor', comment: 'Pas le bon secteur' },
    });
    const raised = await handle.db.select().from(alerts).where(eq(alerts.tandemId, tandem.id));
    expect(raised.map((alert) => alert.kind)).toEqual(['low_fit']);
    expect(
      await queuedEmailsTo(handle.db, await emailOf(coordinator), 'pairing_fit_alert'),
    ).not.toHaveLength(0);
    const rematch = await stagedRematchOf(mentee.user.id);
    expect(rematch.map((row) => row.proposal.mentorId)).toEqual([mentors[1]!.user.id]);
    // Publishing the re-match waits until the current tandem ends.
    expect(
      await failureCode(
        publishMatchingRound(context, { roundId: rematch[0]!.round.id, origin: coordinator }),
      ),
    ).toBe('mentee_already_in_tandem');

    const ended = await endTandem(context, {
      tandemId: tandem.id,
      outcome: 'ended_early',
      reason: 'not_a_good_fit',
      origin: coordinator,
    });
    expect(ended).toMatchObject({ status: 'ended_early', endReason: 'not_a_good_fit' });
    const history = await handle.db
      .select()
      .from(tandemStatusHistory)
      .where(eq(tandemStatusHistory.tandemId, tandem.id))
      .orderBy(tandemStatusHistory.id);
    expect(history.map((row) => row.toStatus)).toEqual([
      'proposed',
      'accepted',
      'active',
      'ended_early',
    ]);
    const { tandems: next } = await publishMatchingRound(context, {
      roundId: rematch[0]!.round.id,
      origin: coordinator,
    });
    expect(next[0]!.mentorId).toBe(mentors[1]!.user.id);
    expect(
      await failureCode(
        endTandem(context, {
          tandemId: tandem.id,
          outcome: 'completed',
          reason: 'goal_reached',
          origin: coordinator,
        }),
      ),
    ).toBe('tandem_transition_invalid');
  });
});

describe('goals, next steps and completion', () => {
  it('shares goals within the pair, then completes the tandem', async () => {
    const { mentors, mentee, tandem } = await publishedProposal(1);
    const sides = [mentee.user, mentors[0]!.user].map((user): RequestOrigin => ({
      actor: { kind: 'user', userId: user.id, role: user.role, partnerId: null },
    }));
    expect(
      await failureCode(
        addTandemGoal(context, {
          tandemId: tandem.id,
          kind: 'goal',
          title: 'Trop tôt',
          origin: sides[0]!,
        }),
      ),
    ).toBe('tandem_transition_invalid');
    for (const origin of sides) {
      await respondToProposal(context, { tandemId: tandem.id, decision: 'accepted', origin });
    }
    const goal = await addTandemGoal(context, {
      tandemId: tandem.id,
      kind: 'next_step',
      title: 'Envoyer trois candidatures',
      dueOn: '2026-12-05',
      origin: sides[0]!,
    });
    const done = await updateTandemGoal(context, {
      tandemId: tandem.id,
      goalId: goal.id,
      status: 'achieved',
      origin: sides[1]!,
    });
    expect(done).toMatchObject({ status: 'achieved', achievedAt: clock.now() });
    const stranger = await originOf(handle.db, 'mentee');
    expect(
      await failureCode(
        updateTandemGoal(context, {
          tandemId: tandem.id,
          goalId: goal.id,
          status: 'dropped',
          origin: stranger,
        }),
      ),
    ).toBe('not_found');
    expect(
      await failureCode(
        endTandem(context, {
          tandemId: tandem.id,
          outcome: 'completed',
          reason: 'goal_reached',
          origin: sides[0]!,
        }),
      ),
    ).toBe('tandem_transition_invalid');
    await logMeeting(context, {
      tandemId: tandem.id,
      occursAt: clock.now(),
      durationMinutes: 60,
      mode: 'remote',
      topics: [],
      origin: sides[1]!,
    });
    const completed = await endTandem(context, {
      tandemId: tandem.id,
      outcome: 'completed',
      reason: 'goal_reached',
      origin: sides[0]!,
    });
    expect(completed).toMatchObject({ status: 'completed', endedBy: mentee.user.id });
    expect(
      await failureCode(
        updateTandemGoal(context, {
          tandemId: tandem.id,
          goalId: goal.id,
          status: 'dropped',
          origin: sides[1]!,
        }),
      ),
    ).toBe('tandem_transition_invalid');
    const [profile] = await handle.db
      .select({ status: menteeProfiles.status })
      .from(menteeProfiles)
      .where(eq(menteeProfiles.userId, mentee.user.id));
    expect(profile!.status).toBe('completed');
    expect(
      await queuedEmailsTo(handle.db, mentors[0]!.user.email, 'tandem_completed'),
    ).toHaveLength(1);
    expect(await queuedEmailsTo(handle.db, mentee.user.email, 'tandem_completed')).toEqual([]);
  });
});

async function emailOf(origin: RequestOrigin): Promise<string | null> {
  if (origin.actor.kind !== 'user') return null;
  return (await findUserById(handle.db, origin.actor.userId))?.email ?? null;
}

describe('reply deadlines', () => {
  it('reminds once before the deadline, then expires, alerts and stages the next best', async () => {
    const start = clock.now();
    const { mentors, mentee, referrer, tandem } = await publishedProposal();
    const menteeOrigin: RequestOrigin = {
      actor: { kind: 'user', userId: mentee.user.id, role: 'mentee', partnerId: null },
    };
    await respondToProposal(context, {
      tandemId: tandem.id,
      decision: 'accepted',
      origin: menteeOrigin,
    });

    clock.set(new Date(start.getTime() + 4 * 86_400_000));
    await processProposalDeadlines(context);
    expect(
      await queuedEmailsTo(handle.db, mentors[0]!.user.email, 'tandem_proposal_reminder_to_mentor'),
    ).toEqual([]);

    clock.set(new Date(start.getTime() + 5.5 * 86_400_000));
    const first = await processProposalDeadlines(context);
    expect(first.reminded).toBeGreaterThanOrEqual(1);
    expect(
      await queuedEmailsTo(handle.db, mentors[0]!.user.email, 'tandem_proposal_reminder_to_mentor'),
    ).toHaveLength(1);
    // The mentee already answered: no reminder for them.
    expect(
      await queuedEmailsTo(handle.db, mentee.user.email, 'tandem_proposal_reminder_to_mentee'),
    ).toEqual([]);
    await processProposalDeadlines(context);
    expect(
      await queuedEmailsTo(handle.db, mentors[0]!.user.email, 'tandem_proposal_reminder_to_mentor'),
    ).toHaveLength(1);

    clock.set(new Date(start.getTime() + 7 * 86_400_000 + 60_000));
    const second = await processProposalDeadlines(context);
    expect(second.expired).toBeGreaterThanOrEqual(1);
    const expired = (await tandemOf(mentee.user.id))!;
    expect(expired.status).toBe('expired');
    const [profile] = await handle.db
      .select()
      .from(mentorProfiles)
      .where(eq(mentorProfiles.userId, mentors[0]!.user.id));
    expect(profile!.activeTandemCount).toBe(0);
    const [alert] = await handle.db.select().from(alerts).where(eq(alerts.tandemId, tandem.id));
    expect(alert).toMatchObject({
      kind: 'proposal_expired',
      status: 'open',
      menteeId: mentee.user.id,
    });
    expect(alert!.details).toMatchObject({ unanswered: ['mentor'] });
    expect(
      await queuedEmailsTo(handle.db, referrer.email, 'tandem_proposal_expired_staff'),
    ).toHaveLength(1);
    expect(
      await queuedEmailsTo(handle.db, await emailOf(coordinator), 'tandem_proposal_expired_staff'),
    ).not.toHaveLength(0);
    const rematch = await stagedRematchOf(mentee.user.id);
    expect(rematch.map((row) => row.proposal.mentorId)).toEqual([mentors[1]!.user.id]);
    // Running again changes nothing more; the old links no longer work.
    expect((await processProposalDeadlines(context)).expired).toBe(0);
    const late = await linkToken(
      mentors[0]!.user.email,
      'tandem_proposal_reminder_to_mentor',
      'acceptLink',
    );
    expect(await failureCode(useActionLink(context, { token: late, form: {} }))).toBe(
      'action_link_expired',
    );
    clock.set(start);
  });
});

describe('the e-mails the workflow queues', () => {
  it('each have a template whose parameters they fit, written in French and English', async () => {
    const queued = (await handle.db.select().from(jobs).where(eq(jobs.name, 'send_email'))).map(
      (row) => row.payload as QueuedEmail,
    );
    const used = new Set<string>();
    for (const email of queued) {
      const template = findEmailTemplate(email.template);
      expect(template, `no template ${email.template}`).toBeDefined();
      for (const locale of ['fr', 'en'] as const) {
        const content = template!.write(email.params, locale, {
          hubName: 'CCI Aix-Marseille-Provence',
          publicUrl: 'https://hub.example.test',
        });
        expect(content.subject.length, email.template).toBeGreaterThan(5);
      }
      used.add(email.template);
    }
    // The scenarios above send every one of them.
    expect(TANDEM_EMAIL_TEMPLATES.map((t) => t.name).filter((name) => !used.has(name))).toEqual([]);
  });
});
