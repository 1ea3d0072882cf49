import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALERT_KINDS } from '../../domain/tandems.ts';
import { boundedText } from '../../domain/text.ts';
import type { ServiceContext } from '../../services/context.ts';
import { addTandemNote } from '../../services/follow-up/add-tandem-note.ts';
import { listAlerts } from '../../services/follow-up/list-alerts.ts';
import { listTandemNotes } from '../../services/follow-up/list-tandem-notes.ts';
import { listTandemOverview } from '../../services/follow-up/list-tandem-overview.ts';
import { resolveAlert } from '../../services/follow-up/resolve-alert.ts';
import {
  alertSchema,
  presentAlert,
  presentAlertRow,
  presentTandemNote,
  presentTandemOverview,
  tandemNoteSchema,
  tandemOverviewSchema,
} from '../presenters/alert.ts';
import { commonErrors, errorSchema } from '../schemas/errors.ts';

const STAFF = ['admin', 'coordinator'] as const;
const STAFF_AND_REFERRERS = ['admin', 'coordinator', 'referrer'] as const;
const tandemParams = z.object({ tandemId: z.uuid() });

/**
 * The follow-up inbox (alerts for staff, and for referrers about their own mentees) and the
 * hub's notes on a tandem, which mentors and mentees never see.
 */
export function alertRoutes(options: { services: ServiceContext }): FastifyPluginAsyncZod {
  const { services } = options;
  return (app) => {
    app.get(
      '/alerts',
      {
        config: { access: STAFF_AND_REFERRERS },
        schema: {
          tags: ['follow-up'],
          summary: 'Alerts that need action, the most urgent first',
          description:
            'Unresolved alerts: open before acknowledged, the longest waiting first. Staff see all; a referrer only those about their own partner’s mentees.',
          querystring: z.object({
            kind: z
              .union([z.enum(ALERT_KINDS), z.array(z.enum(ALERT_KINDS))])
              .optional()
              .meta({ example: 'no_meeting' }),
            programId: z.uuid().optional(),
          }),
          response: { 200: z.object({ items: z.array(alertSchema) }), ...commonErrors },
        },
      },
      async (request) => {
        const { kind, programId } = request.query;
        const items = await listAlerts(services, {
          kinds: kind === undefined ? undefined : Array.isArray(kind) ? kind : [kind],
          programId,
          origin: request.origin,
        });
        return { items: items.map(presentAlert) };
      },
    );

    app.post(
      '/alerts/:alertId/resolve',
      {
        config: { access: STAFF_AND_REFERRERS },
        schema: {
          tags: ['follow-up'],
          summary: 'Acknowledge or resolve an alert, saying what was done',
          description:
            'The note is kept on the tandem (for staff; a referrer’s note is shared with staff). A resolved alert leaves the inbox and its cause never raises it again.',
          params: z.object({ alertId: z.uuid() }),
          body: z
            .strictObject({
              status: z.enum(['acknowledged', 'resolved']).default('resolved'),
              note: boundedText(4000),
            })
            .meta({
              example: {
                status: 'resolved',
                note: 'Appelé Yasmine : reprise des rencontres la semaine prochaine.',
              },
            }),
          response: { 200: alertSchema, 404: errorSchema, 409: errorSchema, ...commonErrors },
        },
      },
      async (request) =>
        presentAlertRow(
          await resolveAlert(services, {
            alertId: request.params.alertId,
            status: request.body.status,
            note: request.body.note,
            origin: request.origin,
          }),
        ),
    );

    app.get(
      '/tandems/:tandemId/notes',
      {
        config: { access: STAFF },
        schema: {
          tags: ['follow-up'],
          summary: 'The hub’s notes on a tandem, newest first',
          description: 'Staff only: never shown to the mentor or the mentee.',
          params: tandemParams,
          response: {
            200: z.object({ items: z.array(tandemNoteSchema) }),
            404: errorSchema,
            ...commonErrors,
          },
        },
      },
      async (request) => {
        const rows = await listTandemNotes(services, {
          tandemId: request.params.tandemId,
          origin: request.origin,
        });
        return { items: rows.map(presentTandemNote) };
      },
    );

    app.post(
      '/tandems/:tandemId/notes',
      {
        config: { access: STAFF },
        schema: {
          tags: ['follow-up'],
          summary: 'Add a coordinator’s note to a tandem',
          description: 'Seen by hub staff only.',
          params: tandemParams,
          body: z
            .strictObject({ body: boundedText(4000) })
            .meta({ example: { body: 'Point téléphonique avec le mentor : tout va bien.' } }),
          response: { 201: tandemNoteSchema, 404: errorSchema, ...commonErrors },
        },
      },
      async (request, reply) => {
        const added = await addTandemNote(services, {
          tandemId: request.params.tandemId,
          body: request.body.body,
          origin: request.origin,
        });
        return reply.status(201).send(presentTandemNote(added));
      },
    );
    app.get(
      '/follow-up/tandems',
      {
        config: { access: STAFF_AND_REFERRERS },
        schema: {
          tags: ['follow-up'],
          summary: 'A light view of tandems: status, last meeting, open alerts',
          description:
            'Staff see every tandem; a referrer their own partner’s mentees’ only. Nothing private: no meeting content, notes or answers. Current tandems first.',
          response: { 200: z.object({ items: z.array(tandemOverviewSchema) }), ...commonErrors },
        },
      },
      async (request) => {
        const rows = await listTandemOverview(services, { origin: request.origin });
        return { items: rows.map(presentTandemOverview) };
      },
    );
    return Promise.resolve();
  };
}
