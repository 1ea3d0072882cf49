import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PAIRING_FIT_ANSWERS, type PairingFitAnswer } from '../../domain/tandem-lifecycle.ts';
import { DECISIONS, END_REASONS, GOAL_KINDS, GOAL_STATUSES } from '../../domain/tandems.ts';
import { boundedText } from '../../domain/text.ts';
import type { ServiceContext } from '../../services/context.ts';
import { addTandemGoal } from '../../services/tandems/add-tandem-goal.ts';
import { answerPairingFit } from '../../services/tandems/answer-pairing-fit.ts';
import { endTandem } from '../../services/tandems/end-tandem.ts';
import { getTandem } from '../../services/tandems/get-tandem.ts';
import { logMeeting } from '../../services/tandems/log-meeting.ts';
import { respondToProposal } from '../../services/tandems/respond-to-proposal.ts';
import type { LinkingContext } from '../../services/tandems/tandem-emails.ts';
import { updateTandemGoal } from '../../services/tandems/update-tandem-goal.ts';
import {
  checkInSchema,
  goalSchema,
  meetingSchema,
  presentCheckIn,
  presentGoal,
  presentMeeting,
  presentTandem,
  tandemSchema,
} from '../presenters/tandem.ts';
import { commonErrors, errorSchema } from '../schemas/errors.ts';

const SIDES = ['mentor', 'mentee'] as const;
const SIDES_AND_STAFF = ['mentor', 'mentee', 'admin', 'coordinator'] as const;
const tandemParams = z.object({ tandemId: z.uuid() });
const tandemErrors = { 404: errorSchema, 409: errorSchema, ...commonErrors };

/**
 * What the two sides of a tandem (and staff) do in the app: answer a proposal, log
 * meetings, share goals and next steps, answer the pairing-fit question, end the tandem.
 * The one-click e-mail links call the same services.
 */
export function tandemRoutes(options: {
  services: ServiceContext;
  linking: LinkingContext;
}): FastifyPluginAsyncZod {
  const { services, linking } = options;
  const view = (tandemId: string, origin: Parameters<typeof getTandem>[1]['origin']) =>
    getTandem(services, { tandemId, origin }).then(presentTandem);
  return (app) => {
    app.get(
      '/tandems/:tandemId',
      {
        config: { access: SIDES_AND_STAFF },
        schema: {
          tags: ['tandems'],
          summary: 'A tandem: the other side’s visible profile, meetings, goals, history',
          description:
            'For its two sides and staff; anyone else gets 404. Private meeting notes are the reader’s own.',
          params: tandemParams,
          response: { 200: tandemSchema, 404: errorSchema, ...commonErrors },
        },
      },
      async (request) => view(request.params.tandemId, request.origin),
    );

    app.post(
      '/tandems/:tandemId/decision',
      {
        config: { access: SIDES },
        schema: {
          tags: ['tandems'],
          summary: 'Accept or decline a proposal (double opt-in)',
          description:
            'A decline needs a reason; it excludes the pair from later rounds and stages the next-best mentor for the mentee.',
          params: tandemParams,
          body: z
            .strictObject({ decision: z.enum(DECISIONS), reason: boundedText(1000).optional() })
            .meta({
              example: { decision: 'declined', reason: 'Je ne suis pas disponible ce mois-ci.' },
            }),
          response: { 200: tandemSchema, ...tandemErrors },
        },
      },
      async (request) => {
        await respondToProposal(linking, {
          tandemId: request.params.tandemId,
          ...request.body,
          origin: request.origin,
        });
        return view(request.params.tandemId, request.origin);
      },
    );

    app.post(
      '/tandems/:tandemId/meetings',
      {
        config: { access: SIDES_AND_STAFF },
        schema: {
          tags: ['tandems'],
          summary: 'Log a meeting (the first one starts the tandem)',
          description: '`privateNote` is seen by its author only, never by the other side.',
          params: tandemParams,
          body: z
            .strictObject({
              occursAt: z.iso.datetime({ offset: true }),
              durationMinutes: z.number().int().min(5).max(600),
              mode: z.enum(['in_person', 'remote']),
              topics: z.array(boundedText(100)).max(10).default([]),
              sharedSummary: boundedText(4000).nullable().optional(),
              privateNote: boundedText(4000).nullable().optional(),
            })
            .meta({
              example: {
                occursAt: '2026-11-24T11:00:00+01:00',
                durationMinutes: 60,
                mode: 'in_person',
                topics: ['CV', 'entretiens'],
                sharedSummary: 'Relecture du CV.',
                privateNote: 'À relancer sur le réseau.',
              },
            }),
          response: { 201: meetingSchema, ...tandemErrors },
        },
      },
      async (request, reply) => {
        const meeting = await logMeeting(linking, {
          tandemId: request.params.tandemId,
          ...request.body,
          occursAt: new Date(request.body.occursAt),
          origin: request.origin,
        });
        return reply.status(201).send(presentMeeting(meeting));
      },
    );

    app.post(
      '/tandems/:tandemId/goals',
      {
        config: { access: SIDES_AND_STAFF },
        schema: {
          tags: ['tandems'],
          summary: 'Add a shared goal or next step',
          params: tandemParams,
          body: z
            .strictObject({
              kind: z.enum(GOAL_KINDS),
              title: boundedText(200),
              description: boundedText(2000).nullable().optional(),
              dueOn: z.iso.date().nullable().optional(),
            })
            .meta({
              example: {
                kind: 'next_step',
                title: 'Envoyer trois candidatures',
                dueOn: '2026-12-05',
              },
            }),
          response: { 201: goalSchema, ...tandemErrors },
        },
      },
      async (request, reply) => {
        const goal = await addTandemGoal(services, {
          tandemId: request.params.tandemId,
          ...request.body,
          origin: request.origin,
        });
        return reply.status(201).send(presentGoal(goal));
      },
    );

    app.patch(
      '/tandems/:tandemId/goals/:goalId',
      {
        config: { access: SIDES_AND_STAFF },
        schema: {
          tags: ['tandems'],
          summary: 'Move a goal along',
          params: tandemParams.extend({ goalId: z.uuid() }),
          body: z
            .strictObject({ status: z.enum(GOAL_STATUSES) })
            .meta({ example: { status: 'achieved' } }),
          response: { 200: goalSchema, ...tandemErrors },
        },
      },
      async (request) =>
        presentGoal(
          await updateTandemGoal(services, {
            ...request.params,
            status: request.body.status,
            origin: request.origin,
          }),
        ),
    );

    app.post(
      '/tandems/:tandemId/end',
      {
        config: { access: SIDES_AND_STAFF },
        schema: {
          tags: ['tandems'],
          summary: 'Complete a tandem, or end it early with a reason',
          params: tandemParams,
          body: z
            .strictObject({
              outcome: z.enum(['completed', 'ended_early']),
              reason: z.enum(END_REASONS),
              comment: boundedText(2000).nullable().optional(),
            })
            .meta({
              example: {
                outcome: 'ended_early',
                reason: 'mentee_found_job',
                comment: 'CDI signé !',
              },
            }),
          response: { 200: tandemSchema, ...tandemErrors },
        },
      },
      async (request) => {
        await endTandem(services, {
          tandemId: request.params.tandemId,
          ...request.body,
          origin: request.origin,
        });
        return view(request.params.tandemId, request.origin);
      },
    );

    app.post(
      '/check-ins/:checkInId/pairing-fit',
      {
        config: { access: SIDES },
        schema: {
          tags: ['tandems'],
          summary: 'Answer the "pairing fit" question after the first meeting',
          description:
            '`poor` alerts the coordinator and stages a re-match suggestion; the tandem goes on until someone ends it.',
          params: z.object({ checkInId: z.uuid() }),
          body: z
            .strictObject({
              answer: z.enum(Object.keys(PAIRING_FIT_ANSWERS) as [PairingFitAnswer]),
              comment: boundedText(1000).nullable().optional(),
            })
            .meta({ example: { answer: 'good', comment: 'Très à l’écoute.' } }),
          response: { 200: checkInSchema, ...tandemErrors },
        },
      },
      async (request) =>
        presentCheckIn(
          await answerPairingFit(services, {
            checkInId: request.params.checkInId,
            ...request.body,
            origin: request.origin,
          }),
        ),
    );
    return Promise.resolve();
  };
}
