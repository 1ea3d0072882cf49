import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { boundedText } from '../../domain/text.ts';
import { PARTNER_KINDS } from '../../domain/people.ts';
import type { ServiceContext } from '../../services/context.ts';
import { createPartner } from '../../services/partners/create-partner.ts';
import { deactivatePartner } from '../../services/partners/deactivate-partner.ts';
import { editPartner } from '../../services/partners/edit-partner.ts';
import { getPartner } from '../../services/partners/get-partner.ts';
import { listPartners } from '../../services/partners/list-partners.ts';
import { reactivatePartner } from '../../services/partners/reactivate-partner.ts';
import { STAFF } from '../access.ts';
import { partnerSchema, presentPartner } from '../presenters/partner.ts';
import { commonErrors, errorSchema } from '../schemas/errors.ts';
import { pageOf, paginationQuery } from '../schemas/pagination.ts';

/** Who reads partners: staff, and referrers (their own partner only). */
const PARTNER_READERS = [...STAFF, 'referrer'] as const;

/** `?active=true|false`: only active, or only inactive, ones; omitted: both. */
const activeFilter = z
  .enum(['true', 'false'])
  .transform((value) => value === 'true')
  .optional();

const partnerFields = {
  name: boundedText(200),
  kind: z.enum(PARTNER_KINDS),
  siret: z
    .string()
    .regex(/^[0-9]{14}$/, '14 digits')
    .nullable()
    .optional(),
  communeCode: z
    .string()
    .regex(/^[0-9][0-9AB][0-9]{3}$/, 'an INSEE commune code')
    .nullable()
    .optional(),
  address: boundedText(300).nullable().optional(),
  email: z.email().max(254).nullable().optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ().-]{6,30}$/, 'a phone number')
    .nullable()
    .optional(),
};

const partnerExample = {
  name: 'Positive Planet France',
  kind: 'business_support',
  siret: '43866452700053',
  communeCode: '13203',
  address: '12 rue de la République, 13003 Marseille',
  email: 'marseille@positiveplanet.example',
  phone: '04 91 00 00 00',
} as const;

const partnerIdParams = z.object({ partnerId: z.uuid() });

/**
 * Partner organisations: staff create, edit, list, deactivate and reactivate them; a referrer
 * reads only their own partner (any other answers 404, like an unknown id).
 */
export function partnerRoutes(options: { services: ServiceContext }): FastifyPluginAsyncZod {
  const { services } = options;
  return (app) => {
    app.get(
      '/partners',
      {
        config: { access: PARTNER_READERS },
        schema: {
          tags: ['partners'],
          summary: 'List partners, by name',
          description:
            'Staff see every partner; a referrer’s list holds only their own. `q` searches names (any case); `active` and `kind` filter.',
          querystring: paginationQuery.extend({
            q: boundedText(100).optional(),
            active: activeFilter,
            kind: z.enum(PARTNER_KINDS).optional(),
          }),
          response: { 200: pageOf(partnerSchema), ...commonErrors },
        },
      },
      async (request) => {
        const { q, active, ...rest } = request.query;
        const page = await listPartners(services, {
          ...rest,
          search: q,
          isActive: active,
          origin: request.origin,
        });
        return { ...page, items: page.items.map(presentPartner) };
      },
    );

    app.post(
      '/partners',
      {
        config: { access: STAFF },
        schema: {
          tags: ['partners'],
          summary: 'Register a partner organisation',
          description:
            'Names are unique whatever their case (`partner_name_taken`); the commune must exist (`commune_unknown`).',
          body: z.strictObject(partnerFields).meta({ example: partnerExample }),
          response: { 201: partnerSchema, 409: errorSchema, ...commonErrors },
        },
      },
      async (request, reply) => {
        const partner = await createPartner(services, { ...request.body, origin: request.origin });
        return reply.status(201).send(presentPartner(partner));
      },
    );

    app.get(
      '/partners/:partnerId',
      {
        config: { access: PARTNER_READERS },
        schema: {
          tags: ['partners'],
          summary: 'One partner',
          description: 'A referrer may read only their own partner; any other is 404.',
          params: partnerIdParams,
          response: { 200: partnerSchema, 404: errorSchema, ...commonErrors },
        },
      },
      async (request) =>
        presentPartner(
          await getPartner(services, {
            partnerId: request.params.partnerId,
            origin: request.origin,
          }),
        ),
    );

    app.patch(
      '/partners/:partnerId',
      {
        config: { access: STAFF },
        schema: {
          tags: ['partners'],
          summary: 'Edit a partner',
          description: 'Send only the fields to change; `null` clears an optional field.',
          params: partnerIdParams,
          body: z
            .strictObject(partnerFields)
            .partial()
            .refine((changes) => Object.keys(changes).length > 0, 'nothing to change')
            .meta({ example: { phone: '04 91 11 22 33', communeCode: '13201' } }),
          response: { 200: partnerSchema, 404: errorSchema, 409: errorSchema, ...commonErrors },
        },
      },
      async (request) =>
        presentPartner(
          await editPartner(services, {
            partnerId: request.params.partnerId,
            changes: request.body,
            origin: request.origin,
          }),
        ),
    );

    app.post(
      '/partners/:partnerId/deactivate',
      {
        config: { access: STAFF },
        schema: {
          tags: ['partners'],
          summary: 'Deactivate a partner',
          description:
            'The partner stops making new referrals; its referrers, people and history stay. Idempotent.',
          params: partnerIdParams,
          response: { 200: partnerSchema, 404: errorSchema, ...commonErrors },
        },
      },
      async (request) =>
        presentPartner(
          await deactivatePartner(services, {
            partnerId: request.params.partnerId,
            origin: request.origin,
          }),
        ),
    );

    app.post(
      '/partners/:partnerId/reactivate',
      {
        config: { access: STAFF },
        schema: {
          tags: ['partners'],
          summary: 'Reactivate a partner',
          description: 'The partner may refer people again. Idempotent.',
          params: partnerIdParams,
          response: { 200: partnerSchema, 404: errorSchema, ...commonErrors },
        },
      },
      async (request) =>
        presentPartner(
          await reactivatePartner(services, {
            partnerId: request.params.partnerId,
            origin: request.origin,
          }),
        ),
    );
    return Promise.resolve();
  };
}
