import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../domain/auth.ts';
import { AppError } from '../../domain/errors.ts';
import {
  APPLICATION_MAX_CAPACITY,
  CHARTER_VERSION,
  MAX_CAPACITY,
} from '../../domain/mentor-lifecycle.ts';
import {
  AVAILABILITY_SLOTS,
  MEETING_MODES,
  MENTOR_KINDS,
  MENTOR_STATUSES,
  NEEDS,
  TRACKS,
} from '../../domain/people.ts';
import type { ServiceContext } from '../../services/context.ts';
import { applyAsMentor } from '../../services/mentors/apply-as-mentor.ts';
import { approveMentor } from '../../services/mentors/approve-mentor.ts';
import { getMentor } from '../../services/mentors/get-mentor.ts';
import { getOwnMentorProfile } from '../../services/mentors/get-own-mentor-profile.ts';
import { pauseMentor } from '../../services/mentors/pause-mentor.ts';
import { rejectMentor } from '../../services/mentors/reject-mentor.ts';
import { resumeMentor } from '../../services/mentors/resume-mentor.ts';
import { searchMentors } from '../../services/mentors/search-mentors.ts';
import { signMentorCharter } from '../../services/mentors/sign-mentor-charter.ts';
import { updateOwnMentorProfile } from '../../services/mentors/update-own-mentor-profile.ts';
import { withdrawMentor } from '../../services/mentors/withdraw-mentor.ts';
import { STAFF } from '../access.ts';
import {
  mentorForSelfSchema,
  mentorForStaffSchema,
  presentMentorForSelf,
  presentMentorForStaff,
} from '../presenters/mentor.ts';
import { commonErrors, errorSchema } from '../schemas/errors.ts';
import { pageOf, paginationQuery } from '../schemas/pagination.ts';

/** Applications per client address and minute: enough for a family sharing a connection. */
const APPLICATION_RATE_LIMIT = { max: 10, timeWindow: '1 minute' } as const;
const MENTOR_ONLY = ['mentor'] as const;

/** The signed-in user's id; `/mentors/me/*` routes only let mentors through. */
function ownId(actor: Actor): string {
  if (actor.kind !== 'user') throw new AppError('unauthenticated');
  return actor.userId;
}

const personName = z.string().trim().min(1).max(100);
const shortText = z.string().trim().min(1).max(150);
const occupationCode = z
  .string()
  .regex(/^[A-N][0-9]{4}$/)
  .meta({ description: 'ROME fiche métier', example: 'M1707' });
const sectorCode = z
  .string()
  .regex(/^[0-9]{2}(\.[0-9]{1,2}[A-Z]?)?$|^[A-U]$/)
  .meta({ description: 'NAF rév. 2 code, INSEE dotted form; must exist', example: '62.01Z' });
const communeCode = z
  .string()
  .regex(/^([0-9]{5}|2[AB][0-9]{3})$/)
  .meta({ description: 'INSEE commune code; must exist', example: '13201' });
const languages = z
  .array(z.string().regex(/^[a-z]{2}$/))
  .min(1)
  .max(10)
  .meta({ description: 'ISO 639-1 codes', example: ['fr', 'en'] });
const expertise = z.array(z.enum(NEEDS)).min(1).max(NEEDS.length);
const tracks = z.array(z.enum(TRACKS)).min(1).max(TRACKS.length);
const availability = z.array(z.enum(AVAILABILITY_SLOTS)).min(1).max(AVAILABILITY_SLOTS.length);
const yearsOfExperience = z.number().int().min(0).max(70);
const bio = z.string().trim().max(2000).nullable();
const employer = z.string().trim().max(150).nullable();
const mentorId = z.object({ mentorId: z.uuid() });
const pauseBody = z
  .object({ until: z.iso.date().meta({ description: 'Last day of the pause, after today' }) })
  .meta({ example: { until: '2026-09-01' } });
const withdrawBody = z
  .object({ reason: z.string().trim().max(1000).optional() })
  .meta({ example: { reason: 'Je déménage à Lyon.' } });

const applicationBody = z
  .object({
    firstName: personName,
    lastName: personName,
    email: z.email().max(254),
    kind: z.enum(MENTOR_KINDS),
    jobTitle: shortText,
    employer: employer.optional(),
    occupationCode,
    sectorCode,
    yearsOfExperience,
    expertise,
    tracks,
    languages,
    communeCode,
    availability,
    mode: z.enum(MEETING_MODES),
    capacity: z.number().int().min(1).max(APPLICATION_MAX_CAPACITY),
    bio: bio.optional(),
  })
  .meta({
    id: 'MentorApplication',
    example: {
      firstName: 'Karim',
      lastName: 'Benali',
      email: 'karim.benali@example.org',
      kind: 'entrepreneur',
      jobTitle: 'Fondateur d’une agence de communication',
      employer: 'Studio Calanques',
      occupationCode: 'E1103',
      sectorCode: '73.11Z',
      yearsOfExperience: 18,
      expertise: ['marketing', 'sales'],
      tracks: ['business_creation'],
      languages: ['fr', 'ar'],
      communeCode: '13206',
      availability: ['tue_eve', 'thu_pm'],
      mode: 'both',
      capacity: 2,
      bio: 'J’ai créé deux entreprises à Marseille.',
    },
  });

const profileEditBody = z
  .strictObject({
    firstName: personName.optional(),
    lastName: personName.optional(),
    kind: z.enum(MENTOR_KINDS).optional(),
    jobTitle: shortText.optional(),
    employer: employer.optional(),
    occupationCode: occupationCode.optional(),
    sectorCode: sectorCode.optional(),
    yearsOfExperience: yearsOfExperience.optional(),
    expertise: expertise.optional(),
    tracks: tracks.optional(),
    languages: languages.optional(),
    communeCode: communeCode.optional(),
    availability: availability.optional(),
    mode: z.enum(MEETING_MODES).optional(),
    capacity: z.number().int().min(1).max(MAX_CAPACITY).optional(),
    bio: bio.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'at least one field' })
  .meta({ id: 'MentorProfileEdit', example: { capacity: 3, availability: ['mon_eve'] } });

const searchQuery = paginationQuery.extend({
  status: z.enum(MENTOR_STATUSES).optional(),
  kind: z.enum(MENTOR_KINDS).optional(),
  sector: z
    .string()
    .regex(/^[A-U]$|^[0-9]{2}(\.[0-9]{0,2}[A-Z]?)?$/)
    .optional()
    .meta({ description: 'NAF section letter or start of a code', example: '62' }),
  commune: communeCode.optional(),
  expertise: z.enum(NEEDS).optional(),
  track: z.enum(TRACKS).optional(),
  programId: z.uuid().optional().meta({ description: 'Mentors dedicated to this programme' }),
  hasFreeCapacity: z
    .stringbool()
    .optional()
    .meta({ description: '`true`: at least one free slot; `false`: at capacity', example: 'true' }),
  q: z.string().trim().min(1).max(100).optional().meta({ description: 'Name, e-mail, job…' }),
});

/**
 * Mentors: the public application, the mentor's own profile and lifecycle (charter, pause,
 * resume, withdraw), and hub staff's vetting, search and files. Referrers and mentees have no
 * route here: a mentee meets a mentor's profile only through a proposal.
 */
export function mentorRoutes(options: { services: ServiceContext }): FastifyPluginAsyncZod {
  const { services } = options;
  return (app) => {
    app.post(
      '/mentors/applications',
      {
        config: { access: 'public', rateLimit: APPLICATION_RATE_LIMIT },
        schema: {
          tags: ['mentors'],
          summary: 'Apply to become a volunteer mentor',
          description:
            'Creates the account and the application (status `applied`) and e-mails a sign-in link, with which the applicant signs the charter. An address already in use answers 409 `email_taken`.',
          body: applicationBody,
          response: {
            201: z
              .object({ status: z.literal('applied') })
              .meta({ example: { status: 'applied' } }),
            409: errorSchema,
            ...commonErrors,
          },
        },
      },
      async (request, reply) => {
        await applyAsMentor(services, { ...request.body, origin: request.origin });
        return reply.status(201).send({ status: 'applied' as const });
      },
    );

    app.get(
      '/mentors/me',
      {
        config: { access: MENTOR_ONLY },
        schema: {
          tags: ['mentors'],
          summary: 'The signed-in mentor’s own profile',
          response: { 200: mentorForSelfSchema, 404: errorSchema, ...commonErrors },
        },
      },
      async (request) =>
        presentMentorForSelf(await getOwnMentorProfile(services, { origin: request.origin })),
    );

    app.patch(
      '/mentors/me',
      {
        config: { access: MENTOR_ONLY },
        schema: {
          tags: ['mentors'],
          summary: 'Edit one’s own mentor profile',
          description:
            'Status and vetting are not editable here. Capacity goes from 1 to 10 and not below the tandems in progress (409 `capacity_below_current_tandems`).',
          body: profileEditBody,
          response: {
            200: mentorForSelfSchema,
            404: errorSchema,
            409: errorSchema,
            ...commonErrors,
          },
        },
      },
      async (request) =>
        presentMentorForSelf(
          await updateOwnMentorProfile(services, { ...request.body, origin: request.origin }),
        ),
    );

    app.post(
      '/mentors/me/charter',
      {
        config: { access: MENTOR_ONLY },
        schema: {
          tags: ['mentors'],
          summary: 'Sign the mentor charter',
          description: `The body names the version read; only the current one (\`${CHARTER_VERSION}\`) can be signed.`,
          body: z
            .object({ version: z.string().min(1).max(20) })
            .meta({ example: { version: CHARTER_VERSION } }),
          response: {
            200: mentorForSelfSchema,
            404: errorSchema,
            409: errorSchema,
            ...commonErrors,
          },
        },
      },
      async (request) =>
        presentMentorForSelf(
          await signMentorCharter(services, {
            version: request.body.version,
            origin: request.origin,
          }),
        ),
    );

    const lifecycleDescriptions = {
      pause:
        'Active → paused until a date. Current tandems go on; no new proposal reaches a paused mentor.',
      resume: 'Paused → active, before or at the planned date.',
      withdraw:
        'Active or paused → withdrawn, final. Current tandems are kept and run to their end.',
    };
    const selfResponses = {
      200: mentorForSelfSchema,
      404: errorSchema,
      409: errorSchema,
      ...commonErrors,
    };
    const staffResponses = {
      200: mentorForStaffSchema,
      404: errorSchema,
      409: errorSchema,
      ...commonErrors,
    };

    app.post(
      '/mentors/me/pause',
      {
        config: { access: MENTOR_ONLY },
        schema: {
          tags: ['mentors'],
          summary: 'Pause oneself until a date',
          description: lifecycleDescriptions.pause,
          body: pauseBody,
          response: selfResponses,
        },
      },
      async (request) =>
        presentMentorForSelf(
          await pauseMentor(services, {
            mentorId: ownId(request.origin.actor),
            until: request.body.until,
            origin: request.origin,
          }),
        ),
    );

    app.post(
      '/mentors/me/resume',
      {
        config: { access: MENTOR_ONLY },
        schema: {
          tags: ['mentors'],
          summary: 'End one’s pause',
          description: lifecycleDescriptions.resume,
          response: selfResponses,
        },
      },
      async (request) =>
        presentMentorForSelf(
          await resumeMentor(services, {
            mentorId: ownId(request.origin.actor),
            origin: request.origin,
          }),
        ),
    );

    app.post(
      '/mentors/me/withdraw',
      {
        config: { access: MENTOR_ONLY },
        schema: {
          tags: ['mentors'],
          summary: 'Leave the hub as a mentor',
          description: lifecycleDescriptions.withdraw,
          body: withdrawBody,
          response: selfResponses,
        },
      },
      async (request) =>
        presentMentorForSelf(
          await withdrawMentor(services, {
            mentorId: ownId(request.origin.actor),
            reason: request.body.reason,
            origin: request.origin,
          }),
        ),
    );

    app.post(
      '/mentors/:mentorId/pause',
      {
        config: { access: STAFF },
        schema: {
          tags: ['mentors'],
          summary: 'Pause a mentor until a date (staff)',
          description: lifecycleDescriptions.pause,
          params: mentorId,
          body: pauseBody,
          response: staffResponses,
        },
      },
      async (request) =>
        presentMentorForStaff(
          await pauseMentor(services, {
            mentorId: request.params.mentorId,
            until: request.body.until,
            origin: request.origin,
          }),
        ),
    );

    app.post(
      '/mentors/:mentorId/resume',
      {
        config: { access: STAFF },
        schema: {
          tags: ['mentors'],
          summary: 'End a mentor’s pause (staff)',
          description: lifecycleDescriptions.resume,
          params: mentorId,
          response: staffResponses,
        },
      },
      async (request) =>
        presentMentorForStaff(
          await resumeMentor(services, {
            mentorId: request.params.mentorId,
            origin: request.origin,
          }),
        ),
    );

    app.post(
      '/mentors/:mentorId/withdraw',
      {
        config: { access: STAFF },
        schema: {
          tags: ['mentors'],
          summary: 'Withdraw a mentor from the hub (staff)',
          description: lifecycleDescriptions.withdraw,
          params: mentorId,
          body: withdrawBody,
          response: staffResponses,
        },
      },
      async (request) =>
        presentMentorForStaff(
          await withdrawMentor(services, {
            mentorId: request.params.mentorId,
            reason: request.body.reason,
            origin: request.origin,
          }),
        ),
    );

    app.get(
      '/mentors',
      {
        config: { access: STAFF },
        schema: {
          tags: ['mentors'],
          summary: 'Search mentors (staff)',
          description:
            'Filters combine. `sector` is a NAF section letter or the start of a code; `commune` includes the arrondissements of Marseille, Lyon and Paris.',
          querystring: searchQuery,
          response: { 200: pageOf(mentorForStaffSchema), ...commonErrors },
        },
      },
      async (request) => {
        const { page, pageSize, sector, commune, q, ...filters } = request.query;
        const result = await searchMentors(services, {
          filters: { ...filters, sectorPrefix: sector, communeCode: commune, text: q },
          page,
          pageSize,
          origin: request.origin,
        });
        return {
          items: result.items.map(presentMentorForStaff),
          total: result.total,
          page,
          pageSize,
        };
      },
    );

    app.get(
      '/mentors/:mentorId',
      {
        config: { access: STAFF },
        schema: {
          tags: ['mentors'],
          summary: 'A mentor’s file (staff; the read is audited)',
          params: mentorId,
          response: { 200: mentorForStaffSchema, 404: errorSchema, ...commonErrors },
        },
      },
      async (request) =>
        presentMentorForStaff(
          await getMentor(services, { mentorId: request.params.mentorId, origin: request.origin }),
        ),
    );

    app.post(
      '/mentors/:mentorId/approve',
      {
        config: { access: STAFF },
        schema: {
          tags: ['mentors'],
          summary: 'Approve a mentor who signed the charter (staff)',
          description:
            'Charter signed → active; any other status answers 409 `invalid_transition`.',
          params: mentorId,
          response: {
            200: mentorForStaffSchema,
            404: errorSchema,
            409: errorSchema,
            ...commonErrors,
          },
        },
      },
      async (request) =>
        presentMentorForStaff(
          await approveMentor(services, {
            mentorId: request.params.mentorId,
            origin: request.origin,
          }),
        ),
    );

    app.post(
      '/mentors/:mentorId/reject',
      {
        config: { access: STAFF },
        schema: {
          tags: ['mentors'],
          summary: 'Reject an application, with a reason (staff)',
          description: 'The reason stays with the hub; the applicant is told without it.',
          params: mentorId,
          body: z
            .object({ reason: z.string().trim().min(1).max(1000) })
            .meta({ example: { reason: 'Profil sans lien avec les besoins actuels du hub.' } }),
          response: {
            200: mentorForStaffSchema,
            404: errorSchema,
            409: errorSchema,
            ...commonErrors,
          },
        },
      },
      async (request) =>
        presentMentorForStaff(
          await rejectMentor(services, {
            mentorId: request.params.mentorId,
            reason: request.body.reason,
            origin: request.origin,
          }),
        ),
    );
    return Promise.resolve();
  };
}
