import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isAppError } from '../../domain/errors.ts';
import { ACTION_LINK_PURPOSES, actionLinkUrl } from '../../services/tandems/action-links.ts';
import { openActionLink } from '../../services/tandems/open-action-link.ts';
import type { LinkingContext } from '../../services/tandems/tandem-emails.ts';
import { useActionLink } from '../../services/tandems/use-action-link.ts';
import {
  renderActionLinkDone,
  renderActionLinkError,
  renderActionLinkPage,
} from '../pages/action-link-pages.ts';
import { errorSchema } from '../schemas/errors.ts';

const LINK_RATE_LIMIT = { max: 60, timeWindow: '1 minute' };
const tokenParams = z.object({ token: z.string().min(1).max(2000) });

/** Pages are never cached, nor shown in another site's frame. */
function sendPage(reply: FastifyReply, status: number, html: string) {
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(html);
}

/** A browser's form post, or a client that asks for HTML, gets pages; API clients get JSON. */
function wantsHtml(request: FastifyRequest): boolean {
  const type = request.headers['content-type'] ?? '';
  return (
    type.startsWith('application/x-www-form-urlencoded') ||
    (request.headers.accept ?? '').includes('text/html')
  );
}

/**
 * The one-click links of e-mails (accept, decline, log a meeting, answer the pairing-fit
 * question). The signed token is the credential: no session is needed. GET shows a
 * confirmation page and changes nothing; POST (its button) acts once. Expired, replayed or
 * tampered links get a clear page and change nothing.
 */
export function actionLinkRoutes(options: { linking: LinkingContext }): FastifyPluginAsyncZod {
  const { linking } = options;
  return (app) => {
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 20_000 },
      (_request, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      },
    );

    app.get(
      '/liens/:token',
      {
        config: { access: 'public', rateLimit: LINK_RATE_LIMIT },
        schema: {
          tags: ['links'],
          summary: 'The confirmation page of a one-click e-mail link (HTML)',
          description:
            'Shows what the link will do, in French, with one large button. Refused links (expired, used, tampered, or a proposal already closed) answer a page that says so, with the error’s status.',
          params: tokenParams,
        },
      },
      async (request, reply) => {
        try {
          const page = await openActionLink(linking, { token: request.params.token });
          const url = actionLinkUrl(linking.publicUrl, request.params.token);
          return await sendPage(reply, 200, renderActionLinkPage(page, url, linking.clock.now()));
        } catch (error) {
          if (!isAppError(error)) throw error;
          return sendPage(reply, error.status, renderActionLinkError(error.code, error.message));
        }
      },
    );

    app.post(
      '/liens/:token',
      {
        config: { access: 'public', rateLimit: LINK_RATE_LIMIT },
        schema: {
          tags: ['links'],
          summary: 'Do what a one-click link says (its page’s button)',
          description:
            'Takes the page’s form (`application/x-www-form-urlencoded`, or the same fields as JSON). Answers an HTML page to browsers, `{ purpose, tandemId }` as JSON otherwise. A link works once.',
          params: tokenParams,
          body: z
            .record(z.string().max(50), z.string().max(5000))
            .meta({ example: { reason: 'unavailable', comment: 'En déplacement ce mois-ci.' } }),
          response: {
            200: z
              .object({
                purpose: z.enum(ACTION_LINK_PURPOSES),
                tandemId: z.uuid(),
                isTandemAccepted: z.boolean().optional(),
              })
              .meta({
                example: {
                  purpose: 'proposal_accept',
                  tandemId: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f',
                  isTandemAccepted: true,
                },
              }),
            400: errorSchema,
            404: errorSchema,
            409: errorSchema,
            410: errorSchema,
            429: errorSchema,
          },
        },
      },
      async (request, reply) => {
        const html = wantsHtml(request);
        try {
          const result = await useActionLink(linking, {
            token: request.params.token,
            form: request.body,
            ipAddress: request.ip,
            userAgent: request.headers['user-agent'],
          });
          if (html) return await sendPage(reply, 200, renderActionLinkDone(result));
          return await reply.status(200).send(result);
        } catch (error) {
          if (!html || !isAppError(error)) throw error;
          return sendPage(reply, error.status, renderActionLinkError(error.code, error.message));
        }
      },
    );
    return Promise.resolve();
  };
}
