import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  communeCode,
  consentRecord,
  menteeProfileFields,
  personFields,
} from '../../domain/mentee-profile.ts';
import { MENTEE_STATUSES, ROLES, TRACKS } from '../../domain/people.ts';
import { NOTE_VISIBILITIES } from '../../domain/tandems.ts';
import { boundedText } from '../../domain/text.ts';
import type { ServiceContext } from '../../services/context.ts';
import { attachMenteeToPartner } from '../../services/mentees/attach-mentee-to-partner.ts';
import { getMenteeFile } from '../../services/mentees/get-mentee-file.ts';
import { addMenteeNote, listMenteeNotes } from '../../services/mentees/mentee-notes.ts';
import { referMentee } from '../../services/mentees/refer-mentee.ts';
import { registerAsMentee } from '../../services/mentees/register-as-mentee.ts';
import { searchMentees } from '../../services/mentees/search-mentees.ts';
import { updateOwnMenteeProfile } from '../../services/mentees/update-own-mentee-profile.ts';
import { SIGNED_IN, STAFF } from '../access.ts';
import {
  menteeListItemSchema,
  menteeViewSchema,
  presentMenteeListItem,
  presentMenteeView,
} from '../presenters/mentee.ts';
import { commonErrors, errorSchema } from '../schemas/errors.ts';
import { pageOf, paginationQuery } from '../schemas/pagination.ts';

/** Public forms: a few submissions per address and minute. */
const PUBLIC_FORM_RATE_LIMIT = { max: 10, timeWindow: '1 minute' } as const;

const referralExample = {
  person: { firstName: 'Yasmine', lastName: 'Benali', email: 'yasmine.benali@example.org' },
  profile: {
    track: 'business_creation',
    businessProject: 'Ouvrir un food truck de cuisine méditerranéenne dans le 3e.',
    businessStage: 'project',
    businessSectorCode: '56.10C',
    needs: ['financing', 'legal'],
    communeCode: '13203',
    languages: ['fr', 'ar'],
    availability: ['tue_pm', 'thu_am'],
    mode: 'both',
  },
  consent: {
    purposes: ['mentoring', 'impact_follow_up'],
    method: 'paper_form',
    givenAt: '2026-11-20T10:00:00+01:00',
    textVersion: '2026-01',
  },
};

const createdSchema = z
  .object({ id: z.uuid() })
  .meta({ example: { id: '3d9b6f0e-8a41-4c55-9d1e-2b7c5a0f6e13' } });

/** Mentees: referral, self-registration, the file, own profile, search, attachment. */
export function menteeRoutes(options: { services: ServiceContext }): FastifyPluginAsyncZod {
  const { services } = options;
  return (app) => {
    app.post(
      '/mentees/referrals',
      {
        config: { access: ['admin', 'coordinator', 'referrer'] },
        schema: {
          tags: ['mentees'],
          summary: 'Refer a person, with their recorded consent',
          description:
            'A referrer refers for their own partner; staff give `partnerId`. Consent to mentoring is required.',
          body: z
            .strictObject({
              person: personFields.strict(),
              profile: menteeProfileFields.strict(),
              consent: consentRecord.strict(),
              partnerId: z.uuid().optional(),
            })
            .meta({ example: referralExample }),
          response: { 201: createdSchema, 409: errorSchema, ...commonErrors },
        },
      },
      async (request, reply) => {
        const user = await referMentee(services, { ...request.body, origin: request.origin });
        return reply.status(201).send({ id: user.id });
      },
    );

    app.post(
      '/mentees/registrations',
      {
        config: { access: 'public', rateLimit: PUBLIC_FORM_RATE_LIMIT },
        schema: {
          tags: ['mentees'],
          summary: 'Register oneself as a mentee (without a partner)',
          body: z
            .strictObject({
              person: personFields.extend({ email: z.email().max(254) }).strict(),
              profile: menteeProfileFields.strict(),
              consentsToMentoring: z.literal(true),
              alsoConsentsTo: z
                .array(z.enum(['impact_follow_up', 'communications']))
                .max(2)
                .default([]),
            })
            .meta({
              example: {
                person: {
                  firstName: 'Karim',
                  lastName: 'Haddad',
                  email: 'karim.haddad@example.org',
                },
                profile: {
                  track: 'job_search',
                  targetOccupationCode: 'M1607',
                  communeCode: '13215',
                },
                consentsToMentoring: true,
                alsoConsentsTo: ['impact_follow_up'],
              },
            }),
          response: {
            201: z.object({ registered: z.literal(true) }).meta({ example: { registered: true } }),
            409: errorSchema,
            ...commonErrors,
          },
        },
      },
      async (request, reply) => {
        await registerAsMentee(services, {
          person: request.body.person,
          profile: request.body.profile,
          alsoConsentsTo: request.body.alsoConsentsTo,
          origin: request.origin,
        });
        return reply.status(201).send({ registered: true });
      },
    );

    app.get(
      '/mentees',
      {
        config: { access: ['admin', 'coordinator', 'referrer'] },
        schema: {
          tags: ['mentees'],
          summary: 'Search mentees (a referrer sees their partner’s people only)',
          querystring: paginationQuery.extend({
            track: z.enum(TRACKS).optional(),
            status: z.enum(MENTEE_STATUSES).optional(),
            partnerId: z.uuid().optional(),
            programId: z.uuid().optional(),
            communeCode: communeCode.optional(),
            sector: z
              .string()
              .regex(/^[0-9]{2}(\.[0-9]{0,2}[A-Z]?)?$/, 'préfixe NAF attendu (ex. 56 ou 56.10)')
              .optional(),
            waitingDays: z.coerce.number().int().min(0).max(3650).optional(),
            q: boundedText(100).optional(),
          }),
          response: { 200: pageOf(menteeListItemSchema), ...commonErrors },
        },
      },
      async (request) => {
        const { page, pageSize, q, ...filters } = request.query;
        const result = await searchMentees(services, {
          filters: { ...filters, query: q },
          page,
          pageSize,
          origin: request.origin,
        });
        return {
          items: result.items.map(presentMenteeListItem),
          total: result.total,
          page,
          pageSize,
        };
      },
    );

    app.get(
      '/mentees/me',
      {
        config: { access: ['mentee'] },
        schema: {
          tags: ['mentees'],
          summary: 'One’s own mentee profile',
          response: { 200: menteeViewSchema, ...commonErrors },
        },
      },
      async (request) => {
        const actor = request.origin.actor;
        const menteeId = actor.kind === 'user' ? actor.userId : '';
        return presentMenteeView(
          await getMenteeFile(services, { menteeId, origin: request.origin }),
        );
      },
    );

    app.patch(
      '/mentees/me',
      {
        config: { access: ['mentee'] },
        schema: {
          tags: ['mentees'],
          summary: 'Edit one’s own profile',
          body: menteeProfileFields
            .partial()
            .strict()
            .refine((changes) => Object.keys(changes).length > 0, { message: 'nothing to change' })
            .meta({
              example: { needs: ['cv_interviews', 'network'], availability: ['mon_am', 'thu_pm'] },
            }),
          response: { 204: z.null(), ...commonErrors },
        },
      },
      async (request, reply) => {
        await updateOwnMenteeProfile(services, { changes: request.body, origin: request.origin });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/mentees/:menteeId',
      {
        config: { access: SIGNED_IN },
        schema: {
          tags: ['mentees'],
          summary: 'A mentee’s file, as the reader may see it',
          description:
            'Staff and the referring partner see the whole file (the read is audited); the person sees themself; a mentor sees the tandem fields only once a proposal exists. Anyone else gets 404.',
          params: z.object({ menteeId: z.uuid() }),
          response: { 200: menteeViewSchema, 404: errorSchema, ...commonErrors },
        },
      },
      async (request) =>
        presentMenteeView(
          await getMenteeFile(services, {
            menteeId: request.params.menteeId,
            origin: request.origin,
          }),
        ),
    );

    app.post(
      '/mentees/:menteeId/partner',
      {
        config: { access: STAFF },
        schema: {
          tags: ['mentees'],
          summary: 'Attach a mentee to a partner (and referrer)',
          params: z.object({ menteeId: z.uuid() }),
          body: z.strictObject({ partnerId: z.uuid(), referrerId: z.uuid().optional() }).meta({
            example: {
              partnerId: '0b7e5c1a-2f44-4b0e-8d0e-6a3c2b1f9e20',
              referrerId: '6f1c2a7e-3b1d-4d8e-9a55-0c2f1e9b7d11',
            },
          }),
          response: { 204: z.null(), 404: errorSchema, 409: errorSchema, ...commonErrors },
        },
      },
      async (request, reply) => {
        await attachMenteeToPartner(services, {
          menteeId: request.params.menteeId,
          ...request.body,
          origin: request.origin,
        });
        return reply.status(204).send(null);
      },
    );
    const noteSchema = z
      .object({
        id: z.uuid(),
        visibility: z.enum(NOTE_VISIBILITIES),
        body: z.string(),
        createdAt: z.string(),
        author: z.object({ id: z.uuid(), name: z.string(), role: z.enum(ROLES) }),
      })
      .meta({
        id: 'Note',
        example: {
          id: '9a0c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4',
          visibility: 'partner',
          body: 'A trouvé un stage de 2 mois, à relancer en janvier.',
          createdAt: '2026-11-25T09:00:00.000Z',
          author: {
            id: '6f1c2a7e-3b1d-4d8e-9a55-0c2f1e9b7d11',
            name: 'Inès Haddad',
            role: 'referrer',
          },
        },
      });
    const notesAccess = ['admin', 'coordinator', 'referrer'] as const;

    app.get(
      '/mentees/:menteeId/notes',
      {
        config: { access: notesAccess },
        schema: {
          tags: ['mentees'],
          summary: 'Notes on a mentee (staff and the referring partner; never mentors or mentees)',
          params: z.object({ menteeId: z.uuid() }),
          response: {
            200: z.object({ items: z.array(noteSchema) }),
            404: errorSchema,
            ...commonErrors,
          },
        },
      },
      async (request) => {
        const rows = await listMenteeNotes(services, {
          menteeId: request.params.menteeId,
          origin: request.origin,
        });
        return {
          items: rows.map(({ note, authorFirstName, authorLastName, authorRole }) => ({
            id: note.id,
            visibility: note.visibility,
            body: note.body,
            createdAt: note.createdAt.toISOString(),
            author: {
              id: note.authorId,
              name: `${authorFirstName} ${authorLastName}`,
              role: authorRole,
            },
          })),
        };
      },
    );

    app.post(
      '/mentees/:menteeId/notes',
      {
        config: { access: notesAccess },
        schema: {
          tags: ['mentees'],
          summary: 'Add a note on a mentee',
          description:
            '`staff`: the hub only; `partner`: also the referring partner; `private`: the author only. Referrers cannot write `staff` notes.',
          params: z.object({ menteeId: z.uuid() }),
          body: z
            .strictObject({ body: boundedText(5000), visibility: z.enum(NOTE_VISIBILITIES) })
            .meta({
              example: {
                body: 'A trouvé un stage de 2 mois, à relancer en janvier.',
                visibility: 'partner',
              },
            }),
          response: { 201: createdSchema, 404: errorSchema, ...commonErrors },
        },
      },
      async (request, reply) => {
        const note = await addMenteeNote(services, {
          menteeId: request.params.menteeId,
          ...request.body,
          origin: request.origin,
        });
        return reply.status(201).send({ id: note.id });
      },
    );
    return Promise.resolve();
  };
}
