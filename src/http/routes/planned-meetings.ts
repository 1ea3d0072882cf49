import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { boundedText } from '../../domain/text.ts';
import type { LinkingContext } from '../../services/tandems/tandem-emails.ts';
import { planMeeting } from '../../services/tandems/plan-meeting.ts';
import { meetingSchema, presentMeeting } from '../presenters/tandem.ts';
import { commonErrors, errorSchema } from '../schemas/errors.ts';

/** Planning a tandem's next meeting: both sides get a calendar invitation by e-mail. */
export function plannedMeetingRoutes(options: { linking: LinkingContext }): FastifyPluginAsyncZod {
  const { linking } = options;
  return (app) => {
    app.post(
      '/tandems/:tandemId/planned-meetings',
      {
        config: { access: ['mentor', 'mentee', 'admin', 'coordinator'] },
        schema: {
          tags: ['tandems'],
          summary: 'Plan the next meeting (both sides get an ICS invitation)',
          description:
            'For an accepted or active tandem, by either side or staff; the date must be in the future. Once held, the meeting is logged as usual.',
          params: z.object({ tandemId: z.uuid() }),
          body: z
            .strictObject({
              occursAt: z.iso.datetime({ offset: true }),
              durationMinutes: z.number().int().min(5).max(600),
              mode: z.enum(['in_person', 'remote']),
              location: boundedText(300).nullable().optional(),
            })
            .meta({
              example: {
                occursAt: '2027-03-09T14:00:00+01:00',
                durationMinutes: 60,
                mode: 'in_person',
                location: 'CCI, 9 La Canebière, Marseille',
              },
            }),
          response: { 201: meetingSchema, 404: errorSchema, 409: errorSchema, ...commonErrors },
        },
      },
      async (request, reply) => {
        const meeting = await planMeeting(linking, {
          tandemId: request.params.tandemId,
          ...request.body,
          occursAt: new Date(request.body.occursAt),
          origin: request.origin,
        });
        return reply.status(201).send(presentMeeting(meeting));
      },
    );
    return Promise.resolve();
  };
}
