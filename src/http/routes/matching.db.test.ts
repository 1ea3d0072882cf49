import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import {
  createMentee,
  createMentor,
  createProgram,
  enrolMentee,
} from '../../../test/support/factories.ts';
import { signInAs, type TestCredentials } from '../../../test/support/sessions.ts';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import { programMentors } from '../../db/schema/index.ts';

let database: DatabaseHandle;
let app: FastifyInstance;
let coordinator: TestCredentials;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  coordinator = await signInAs(app, database.db, 'coordinator');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

type Round = {
  id: string;
  status: string;
  proposals: { id: string; status: string; mentee: { id: string }; mentor: { id: string } }[];
};

describe('matching rounds over HTTP', () => {
  it('runs, edits, suggests and publishes; other roles are refused', async () => {
    const program = await createProgram(database.db, { restrictToDedicatedMentors: true });
    const mentors = [];
    for (let i = 0; i < 3; i++) {
      const mentor = await createMentor(database.db, { capacity: 1 });
      await database.db
        .insert(programMentors)
        .values({ programId: program.id, mentorId: mentor.user.id });
      mentors.push(mentor);
    }
    const mentees = [];
    for (let i = 0; i < 2; i++) {
      const mentee = await createMentee(database.db);
      await enrolMentee(database.db, { programId: program.id, menteeId: mentee.user.id });
      mentees.push(mentee);
    }
    const referrer = await signInAs(app, database.db, 'referrer');
    const refused = await app.inject({
      method: 'POST',
      url: '/matching/rounds',
      headers: referrer.headers,
      payload: { scope: { kind: 'program', programId: program.id }, mode: 'greedy' },
    });
    expect(refused.statusCode).toBe(403);

    const run = await app.inject({
      method: 'POST',
      url: '/matching/rounds',
      headers: coordinator.headers,
      payload: { scope: { kind: 'program', programId: program.id }, mode: 'greedy' },
    });
    expect(run.statusCode, run.body).toBe(201);
    const round = run.json<Round>();
    expect(round.proposals).toHaveLength(2);

    const swap = await app.inject({
      method: 'POST',
      url: `/matching/rounds/${round.id}/swaps`,
      headers: coordinator.headers,
      payload: { proposalIds: round.proposals.map((proposal) => proposal.id) },
    });
    expect(swap.statusCode, swap.body).toBe(200);
    const swapped = swap.json<Round>().proposals.filter((p) => p.status === 'staged');
    expect(swapped).toHaveLength(2);

    const removed = await app.inject({
      method: 'DELETE',
      url: `/matching/rounds/${round.id}/proposals/${swapped[0]!.id}`,
      headers: coordinator.headers,
    });
    expect(removed.statusCode).toBe(200);
    const spare = mentors.find(
      (mentor) => !swapped.some((proposal) => proposal.mentor.id === mentor.user.id),
    )!;
    const suggestions = await app.inject({
      method: 'GET',
      url: `/mentees/${swapped[0]!.mentee.id}/suggestions?programId=${program.id}&count=3`,
      headers: coordinator.headers,
    });
    expect(suggestions.statusCode, suggestions.body).toBe(200);
    const items = suggestions.json<{ items: { mentorId: string; score: number }[] }>().items;
    expect(items.map((item) => item.mentorId).sort()).toEqual(
      mentors.map((mentor) => mentor.user.id).sort(),
    );
    const added = await app.inject({
      method: 'POST',
      url: `/matching/rounds/${round.id}/proposals`,
      headers: coordinator.headers,
      payload: { menteeId: swapped[0]!.mentee.id, mentorId: spare.user.id },
    });
    expect(added.statusCode, added.body).toBe(201);
    const twice = await app.inject({
      method: 'POST',
      url: `/matching/rounds/${round.id}/proposals`,
      headers: coordinator.headers,
      payload: { menteeId: swapped[1]!.mentee.id, mentorId: spare.user.id },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ error: { code: 'conflict' } });

    const published = await app.inject({
      method: 'POST',
      url: `/matching/rounds/${round.id}/publish`,
      headers: coordinator.headers,
    });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json<{ tandemIds: string[] }>().tandemIds).toHaveLength(2);
    const edit = await app.inject({
      method: 'POST',
      url: `/matching/rounds/${round.id}/proposals`,
      headers: coordinator.headers,
      payload: { menteeId: swapped[0]!.mentee.id, mentorId: mentors[0]!.user.id },
    });
    expect(edit.json()).toMatchObject({ error: { code: 'round_not_staged' } });
  });
});
