import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { OutboxMessageRow } from '../../db/repositories/outbox-repository.ts';
import type { ServiceContext } from '../../services/context.ts';
import { getOutboxMessage, listOutbox } from '../../services/notifications/read-outbox.ts';
import { STAFF } from '../access.ts';
import { commonErrors, errorSchema } from '../schemas/errors.ts';
import { pageOf, paginationQuery } from '../schemas/pagination.ts';

const summaryExample = {
  id: 12,
  template: 'sign_in_link',
  locale: 'fr',
  from: 'Tandem <no-reply@localhost>',
  to: 'camille.martin@example.org',
  subject: 'Votre lien de connexion à CCI Aix-Marseille-Provence',
  hasCalendar: false,
  createdAt: '2026-11-25T09:00:00.000Z',
};

const outboxSummarySchema = z
  .object({
    id: z.number().int(),
    template: z.string(),
    locale: z.string(),
    from: z.string(),
    to: z.string(),
    subject: z.string(),
    hasCalendar: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ example: summaryExample });

const outboxMessageSchema = outboxSummarySchema
  .extend({
    messageId: z.string(),
    text: z.string(),
    html: z.string(),
    calendar: z.string().nullable(),
  })
  .meta({
    example: {
      ...summaryExample,
      messageId: '<tandem.job-41.mhx2k0@localhost>',
      text: 'Bonjour Camille,\n\nVous avez demandé à vous connecter…',
      html: '<!doctype html>…',
      calendar: null,
    },
  });

function presentSummary(row: OutboxMessageRow) {
  return {
    id: row.id,
    template: row.template,
    locale: row.locale,
    from: row.fromAddress,
    to: row.toAddress,
    subject: row.subject,
    hasCalendar: row.calendar !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * The local outbox: the e-mails kept when no SMTP server is configured, for hub staff to read
 * (development, trials, or to help someone whose mail does not arrive).
 */
export function outboxRoutes(options: { services: ServiceContext }): FastifyPluginAsyncZod {
  const { services } = options;
  return (app) => {
    app.get(
      '/outbox',
      {
        config: { access: STAFF },
        schema: {
          tags: ['notifications'],
          summary: 'E-mails kept in the local outbox, newest first',
          description:
            'Filled only while `SMTP_URL` is not set. `to` keeps the messages whose recipient contains it (any case).',
          querystring: paginationQuery.extend({ to: z.string().trim().min(1).max(254).optional() }),
          response: { 200: pageOf(outboxSummarySchema), ...commonErrors },
        },
      },
      async (request) => {
        const { to, page, pageSize } = request.query;
        const result = await listOutbox(services, { to, page, pageSize, origin: request.origin });
        return { ...result, items: result.items.map(presentSummary) };
      },
    );

    app.get(
      '/outbox/:id',
      {
        config: { access: STAFF },
        schema: {
          tags: ['notifications'],
          summary: 'One e-mail of the outbox, with its text, HTML and calendar invitation',
          description:
            'The body may carry a sign-in link: every read is recorded in the audit log.',
          params: z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
          response: { 200: outboxMessageSchema, 404: errorSchema, ...commonErrors },
        },
      },
      async (request) => {
        const row = await getOutboxMessage(services, {
          id: request.params.id,
          origin: request.origin,
        });
        return {
          ...presentSummary(row),
          messageId: row.messageId,
          text: row.textBody,
          html: row.htmlBody,
          calendar: row.calendar,
        };
      },
    );
    return Promise.resolve();
  };
}
