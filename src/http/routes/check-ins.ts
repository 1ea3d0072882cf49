import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { boundedText } from '../../domain/text.ts';
import type { ServiceContext } from '../../services/context.ts';
import { answerCheckIn } from '../../services/follow-up/answer-check-in.ts';
import { checkInSchema, presentCheckIn } from '../presenters/tandem.ts';
import { commonErrors, errorSchema } from '../schemas/errors.ts';

/** Answering a follow-up check-in in the app, as the e-mail's one-click survey does. */
export function checkInRoutes(options: { services: ServiceContext }): FastifyPluginAsyncZod {
  const { services } = options;
  return (app) => {
    app.post(
      '/check-ins/:checkInId/answer',
      {
        config: { access: ['mentor', 'mentee'] },
        schema: {
          tags: ['follow-up'],
          summary: 'Answer a follow-up check-in (satisfaction, on track, comment)',
          description:
            'Its respondent only, once. A satisfaction of 2 or less, or "not on track", alerts the coordinator and the mentee’s referrer.',
          params: z.object({ checkInId: z.uuid() }),
          body: z
            .strictObject({
              satisfaction: z.number().int().min(1).max(5),
              isOnTrack: z.boolean(),
              comment: boundedText(1000).nullable().optional(),
            })
            .meta({
              example: { satisfaction: 4, isOnTrack: true, comment: 'Les conseils m’aident.' },
            }),
          response: { 200: checkInSchema, 404: errorSchema, 409: errorSchema, ...commonErrors },
        },
      },
      async (request) =>
        presentCheckIn(
          await answerCheckIn(services, {
            checkInId: request.params.checkInId,
            ...request.body,
            origin: request.origin,
          }),
        ),
    );
    return Promise.resolve();
  };
}
