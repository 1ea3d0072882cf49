import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MATCHING_MODES } from '../../domain/tandems.ts';
import type { ServiceContext } from '../../services/context.ts';
import { addStagedProposal } from '../../services/matching/add-staged-proposal.ts';
import { getMatchingRound } from '../../services/matching/get-matching-round.ts';
import { publishMatchingRound } from '../../services/matching/publish-matching-round.ts';
import { removeStagedProposal } from '../../services/matching/remove-staged-proposal.ts';
import { runMatchingRound } from '../../services/matching/run-matching-round.ts';
import { suggestMentorsForMentee } from '../../services/matching/suggest-mentors-for-mentee.ts';
import { swapStagedMentors } from '../../services/matching/swap-staged-mentors.ts';
import type { LinkingContext } from '../../services/tandems/tandem-emails.ts';
import { STAFF } from '../access.ts';
import { presentRound, roundSchema, suggestionSchema } from '../presenters/matching.ts';
import { commonErrors, errorSchema } from '../schemas/errors.ts';

const scopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('program'), programId: z.uuid() }),
  z.strictObject({ kind: z.literal('cohort'), programId: z.uuid(), cohortId: z.uuid() }),
  z.strictObject({ kind: z.literal('pool') }),
  z.strictObject({
    kind: z.literal('mentees'),
    menteeIds: z.array(z.uuid()).min(1).max(500),
    programId: z.uuid().optional(),
  }),
]);

const roundParams = z.object({ roundId: z.uuid() });
const proposalParams = roundParams.extend({ proposalId: z.uuid() });
const roundErrors = { 404: errorSchema, 409: errorSchema, ...commonErrors };

/**
 * Matching rounds (staff): run the engine over a scope, review the staged proposals with
 * their explanations, remove / add / swap pairs (re-checked by the engine), then publish —
 * only then is anyone told. Also the top suggestions for one mentee.
 */
export function matchingRoutes(options: {
  services: ServiceContext;
  linking: LinkingContext;
}): FastifyPluginAsyncZod {
  const { services, linking } = options;
  const review = (roundId: string, origin: Parameters<typeof getMatchingRound>[1]['origin']) =>
    getMatchingRound(services, { roundId, origin }).then(presentRound);
  return (app) => {
    app.post(
      '/matching/rounds',
      {
        config: { access: STAFF },
        schema: {
          tags: ['matching'],
          summary: 'Run a matching round (staged, nobody is told)',
          description:
            'Scope: a programme’s waiting mentees, a cohort’s, the whole waiting pool (general programme), or named mentees. Mentors: active, with a free slot, dedicated to the programme when it is restricted. Exclusions and past declines always hold.',
          body: z.strictObject({ scope: scopeSchema, mode: z.enum(MATCHING_MODES) }).meta({
            example: {
              scope: { kind: 'program', programId: '5d0f4a8e-1c2b-4e6f-9a7d-3b8c2e1f0a44' },
              mode: 'optimal',
            },
          }),
          response: { 201: roundSchema, ...roundErrors },
        },
      },
      async (request, reply) => {
        const round = await runMatchingRound(services, { ...request.body, origin: request.origin });
        return reply.status(201).send(await review(round.id, request.origin));
      },
    );

    app.get(
      '/matching/rounds/:roundId',
      {
        config: { access: STAFF },
        schema: {
          tags: ['matching'],
          summary: 'A round with its proposals, scores and explanations',
          params: roundParams,
          response: { 200: roundSchema, 404: errorSchema, ...commonErrors },
        },
      },
      async (request) => review(request.params.roundId, request.origin),
    );

    app.post(
      '/matching/rounds/:roundId/proposals',
      {
        config: { access: STAFF },
        schema: {
          tags: ['matching'],
          summary: 'Stage a pair by hand',
          description:
            'Refused when the mentor has no free slot left in this round (`mentor_at_capacity`), the mentee already has a proposal in it (`conflict`) or a hard constraint forbids the pair (`pair_not_allowed`, with `details.reason`).',
          params: roundParams,
          body: z.strictObject({ menteeId: z.uuid(), mentorId: z.uuid() }).meta({
            example: {
              menteeId: '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9',
              mentorId: '3c9a1e55-0d2b-4f7a-b6e8-1f2d3c4b5a66',
            },
          }),
          response: { 201: roundSchema, ...roundErrors },
        },
      },
      async (request, reply) => {
        await addStagedProposal(services, {
          roundId: request.params.roundId,
          ...request.body,
          origin: request.origin,
        });
        return reply.status(201).send(await review(request.params.roundId, request.origin));
      },
    );

    app.delete(
      '/matching/rounds/:roundId/proposals/:proposalId',
      {
        config: { access: STAFF },
        schema: {
          tags: ['matching'],
          summary: 'Remove a staged pair',
          params: proposalParams,
          response: { 200: roundSchema, ...roundErrors },
        },
      },
      async (request) => {
        await removeStagedProposal(services, { ...request.params, origin: request.origin });
        return review(request.params.roundId, request.origin);
      },
    );

    app.post(
      '/matching/rounds/:roundId/swaps',
      {
        config: { access: STAFF },
        schema: {
          tags: ['matching'],
          summary: 'Exchange the mentors of two staged pairs',
          params: roundParams,
          body: z.strictObject({ proposalIds: z.tuple([z.uuid(), z.uuid()]) }).meta({
            example: {
              proposalIds: [
                '7a1c3e5f-2b4d-4c6e-8f0a-1b2c3d4e5f60',
                '8b2d4f6a-3c5e-4d7f-9a1b-2c3d4e5f6a71',
              ],
            },
          }),
          response: { 200: roundSchema, ...roundErrors },
        },
      },
      async (request) => {
        await swapStagedMentors(services, {
          roundId: request.params.roundId,
          proposalIds: request.body.proposalIds,
          origin: request.origin,
        });
        return review(request.params.roundId, request.origin);
      },
    );

    app.post(
      '/matching/rounds/:roundId/publish',
      {
        config: { access: STAFF },
        schema: {
          tags: ['matching'],
          summary: 'Publish a round: proposals go out to both sides',
          description:
            'All or nothing. Capacity is re-checked with the mentors locked; a mentor who has no room left (another round published meanwhile) refuses the whole publication with `mentor_at_capacity` and `details.proposalIds`.',
          params: roundParams,
          response: {
            200: z.object({ round: roundSchema, tandemIds: z.array(z.uuid()) }).meta({
              example: {
                round: roundSchema.meta()?.example,
                tandemIds: ['c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f'],
              },
            }),
            ...roundErrors,
          },
        },
      },
      async (request) => {
        const published = await publishMatchingRound(linking, {
          roundId: request.params.roundId,
          origin: request.origin,
        });
        return {
          round: await review(published.round.id, request.origin),
          tandemIds: published.tandems.map((tandem) => tandem.id),
        };
      },
    );

    app.get(
      '/mentees/:menteeId/suggestions',
      {
        config: { access: STAFF },
        schema: {
          tags: ['matching'],
          summary: 'The engine’s top mentors for one mentee, explained',
          params: z.object({ menteeId: z.uuid() }),
          querystring: z.object({
            programId: z.uuid().optional(),
            count: z.coerce.number().int().min(1).max(50).default(5),
          }),
          response: {
            200: z.object({ items: z.array(suggestionSchema) }).meta({
              example: { items: [suggestionSchema.meta()?.example] },
            }),
            404: errorSchema,
            409: errorSchema,
            ...commonErrors,
          },
        },
      },
      async (request) => ({
        items: await suggestMentorsForMentee(services, {
          menteeId: request.params.menteeId,
          ...request.query,
          origin: request.origin,
        }),
      }),
    );
    return Promise.resolve();
  };
}
