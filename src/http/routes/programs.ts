import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { boundedText } from '../../domain/text.ts';
import { DEFAULT_MATCHING_WEIGHTS, matchingWeightsSchema } from '../../domain/matching-weights.ts';
import { TRACKS } from '../../domain/people.ts';
import type { ServiceContext } from '../../services/context.ts';
import { createCohort } from '../../services/programs/create-cohort.ts';
import { createProgram } from '../../services/programs/create-program.ts';
import { deactivateProgram } from '../../services/programs/deactivate-program.ts';
import { dedicateMentor } from '../../services/programs/dedicate-mentor.ts';
import { deleteProgram } from '../../services/programs/delete-program.ts';
import { editCohort } from '../../services/programs/edit-cohort.ts';
import { editProgram } from '../../services/programs/edit-program.ts';
import { getProgram } from '../../services/programs/get-program.ts';
import { listCohorts } from '../../services/programs/list-cohorts.ts';
import { listDedicatedMentors } from '../../services/programs/list-dedicated-mentors.ts';
import { listPrograms } from '../../services/programs/list-programs.ts';
import {
  areCohortDatesInOrder,
  isCheckInSchedule,
  MAX_PROGRAM_MONTHS,
} from '../../services/programs/program-rules.ts';
import { reactivateProgram } from '../../services/programs/reactivate-program.ts';
import { removeDedicatedMentor } from '../../services/programs/remove-dedicated-mentor.ts';
import { STAFF } from '../access.ts';
import {
  cohortSchema,
  dedicatedMentorSchema,
  presentCohort,
  presentDedicatedMentor,
  presentProgram,
  programSchema,
} from '../presenters/program.ts';
import { commonErrors, errorSchema } from '../schemas/errors.ts';
import { pageOf, paginationQuery } from '../schemas/pagination.ts';

/** Who reads programmes and their cohorts: staff, and referrers (those open to them). */
const PROGRAM_READERS = [...STAFF, 'referrer'] as const;

/** `?active=true|false`: only active, or only inactive, ones; omitted: both. */
const activeFilter = z
  .enum(['true', 'false'])
  .transform((value) => value === 'true')
  .optional();

/** A calendar date PostgreSQL accepts and people mean (years 1900–2199). */
const calendarDate = z.iso
  .date()
  .refine((date) => date >= '1900-01-01' && date <= '2199-12-31', 'a date between 1900 and 2199');

const programFields = {
  name: boundedText(200),
  description: boundedText(4000).nullable().optional(),
  partnerId: z.uuid().nullable().optional(),
  tracks: z
    .array(z.enum(TRACKS))
    .max(TRACKS.length)
    .refine((tracks) => new Set(tracks).size === tracks.length, 'each track once')
    .optional(),
  durationMonths: z.number().int().min(1).max(MAX_PROGRAM_MONTHS).optional(),
  checkInMonths: z
    .array(z.number().int().min(1).max(MAX_PROGRAM_MONTHS))
    .max(MAX_PROGRAM_MONTHS)
    .refine(isCheckInSchedule, 'strictly increasing months')
    .optional(),
  proposalDeadlineDays: z.number().int().min(1).max(60).optional(),
  restrictToDedicatedMentors: z.boolean().optional(),
  matchingWeights: matchingWeightsSchema.nullable().optional(),
  minimumScore: z.number().min(0).max(1).nullable().optional(),
};

const programExample = {
  name: 'Work’Up Massilia – session 3',
  description: 'Six mois pour retrouver un emploi, avec des mentors recruteurs.',
  partnerId: '0b7e5c1a-2f44-4b0e-8d0e-6a3c2b1f9e20',
  tracks: ['job_search'],
  durationMonths: 6,
  checkInMonths: [1, 3, 6],
  proposalDeadlineDays: 7,
  restrictToDedicatedMentors: true,
  matchingWeights: { ...DEFAULT_MATCHING_WEIGHTS, occupation: 0.3, text: 0 },
  minimumScore: 0.4,
};

const programIdParams = z.object({ programId: z.uuid() });
const cohortParams = programIdParams.extend({ cohortId: z.uuid() });
const mentorParams = programIdParams.extend({ mentorId: z.uuid() });

const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/**
 * Programmes, their cohorts and dedicated mentors. Staff manage everything; referrers read
 * the active programmes open to their partner and their cohorts (to enrol people), never
 * the dedicated mentors.
 */
export function programRoutes(options: { services: ServiceContext }): FastifyPluginAsyncZod {
  const { services } = options;
  return (app) => {
    app.get(
      '/programs',
      {
        config: { access: PROGRAM_READERS },
        schema: {
          tags: ['programs'],
          summary: 'List programmes, the general one first',
          description:
            'Staff see every programme; a referrer sees the active ones open to all partners or reserved for theirs. `q` searches names; `active` and `partnerId` filter.',
          querystring: paginationQuery.extend({
            q: boundedText(100).optional(),
            active: activeFilter,
            partnerId: z.uuid().optional(),
          }),
          response: { 200: pageOf(programSchema), ...commonErrors },
        },
      },
      async (request) => {
        const { q, active, ...rest } = request.query;
        const page = await listPrograms(services, {
          ...rest,
          search: q,
          isActive: active,
          origin: request.origin,
        });
        return { ...page, items: page.items.map(presentProgram) };
      },
    );

    app.post(
      '/programs',
      {
        config: { access: STAFF },
        schema: {
          tags: ['programs'],
          summary: 'Create a programme',
          description:
            'Omitted settings follow the hub (check-in schedule, proposal deadline) or the defaults (six months, every track). `matchingWeights` null or omitted: the engine’s defaults; criteria left out of it take their default weight.',
          body: z.strictObject(programFields).meta({ example: programExample }),
          response: { 201: programSchema, ...commonErrors },
        },
      },
      async (request, reply) => {
        const program = await createProgram(services, { ...request.body, origin: request.origin });
        return reply.status(201).send(presentProgram(program));
      },
    );

    app.get(
      '/programs/:programId',
      {
        config: { access: PROGRAM_READERS },
        schema: {
          tags: ['programs'],
          summary: 'One programme',
          description: 'A referrer gets 404 for a programme that is not open to their partner.',
          params: programIdParams,
          response: { 200: programSchema, 404: errorSchema, ...commonErrors },
        },
      },
      async (request) =>
        presentProgram(
          await getProgram(services, {
            programId: request.params.programId,
            origin: request.origin,
          }),
        ),
    );

    app.patch(
      '/programs/:programId',
      {
        config: { access: STAFF },
        schema: {
          tags: ['programs'],
          summary: 'Edit a programme',
          description:
            'Send only the fields to change; `null` clears an optional field. The general programme cannot be reserved for a partner (`default_program_locked`).',
          params: programIdParams,
          body: z
            .strictObject(programFields)
            .partial()
            .refine((changes) => Object.keys(changes).length > 0, 'nothing to change')
            .meta({ example: { durationMonths: 9, checkInMonths: [1, 3, 6, 9] } }),
          response: { 200: programSchema, 404: errorSchema, 409: errorSchema, ...commonErrors },
        },
      },
      async (request) =>
        presentProgram(
          await editProgram(services, {
            programId: request.params.programId,
            changes: request.body,
            origin: request.origin,
          }),
        ),
    );

    app.delete(
      '/programs/:programId',
      {
        config: { access: STAFF },
        schema: {
          tags: ['programs'],
          summary: 'Delete a programme created by mistake',
          description:
            'Only a programme without enrolments, tandems or matching rounds (`program_in_use`: deactivate it instead), and never the general one (`default_program_locked`).',
          params: programIdParams,
          response: { 204: z.null(), 404: errorSchema, 409: errorSchema, ...commonErrors },
        },
      },
      async (request, reply) => {
        await deleteProgram(services, {
          programId: request.params.programId,
          origin: request.origin,
        });
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/programs/:programId/deactivate',
      {
        config: { access: STAFF },
        schema: {
          tags: ['programs'],
          summary: 'Deactivate a programme',
          description:
            'No new enrolments or matching; running tandems carry on. The general programme cannot be deactivated. Idempotent.',
          params: programIdParams,
          response: { 200: programSchema, 404: errorSchema, 409: errorSchema, ...commonErrors },
        },
      },
      async (request) =>
        presentProgram(
          await deactivateProgram(services, {
            programId: request.params.programId,
            origin: request.origin,
          }),
        ),
    );

    app.post(
      '/programs/:programId/reactivate',
      {
        config: { access: STAFF },
        schema: {
          tags: ['programs'],
          summary: 'Reactivate a programme',
          params: programIdParams,
          response: { 200: programSchema, 404: errorSchema, ...commonErrors },
        },
      },
      async (request) =>
        presentProgram(
          await reactivateProgram(services, {
            programId: request.params.programId,
            origin: request.origin,
          }),
        ),
    );

    app.get(
      '/programs/:programId/cohorts',
      {
        config: { access: PROGRAM_READERS },
        schema: {
          tags: ['programs'],
          summary: 'A programme’s cohorts, latest first',
          params: programIdParams,
          response: { 200: listOf(cohortSchema), 404: errorSchema, ...commonErrors },
        },
      },
      async (request) => {
        const cohorts = await listCohorts(services, {
          programId: request.params.programId,
          origin: request.origin,
        });
        return { items: cohorts.map(presentCohort) };
      },
    );

    app.post(
      '/programs/:programId/cohorts',
      {
        config: { access: STAFF },
        schema: {
          tags: ['programs'],
          summary: 'Open a cohort in a programme',
          description:
            'Names are unique within a programme (`cohort_name_taken`); `endsOn` (optional) is on or after `startsOn`.',
          params: programIdParams,
          body: z
            .strictObject({
              name: boundedText(200),
              startsOn: calendarDate,
              endsOn: calendarDate.nullable().optional(),
            })
            .refine((cohort) => areCohortDatesInOrder(cohort.startsOn, cohort.endsOn ?? null), {
              message: 'endsOn precedes startsOn',
              path: ['endsOn'],
            })
            .meta({
              example: {
                name: 'Session 3 – printemps 2025',
                startsOn: '2025-03-03',
                endsOn: '2025-09-05',
              },
            }),
          response: { 201: cohortSchema, 404: errorSchema, 409: errorSchema, ...commonErrors },
        },
      },
      async (request, reply) => {
        const cohort = await createCohort(services, {
          ...request.body,
          programId: request.params.programId,
          origin: request.origin,
        });
        return reply.status(201).send(presentCohort(cohort));
      },
    );

    app.patch(
      '/programs/:programId/cohorts/:cohortId',
      {
        config: { access: STAFF },
        schema: {
          tags: ['programs'],
          summary: 'Edit a cohort',
          description:
            'Send only the fields to change; `endsOn: null` makes the cohort open-ended. The dates are checked against the stored ones (`cohort_dates_invalid`).',
          params: cohortParams,
          body: z
            .strictObject({
              name: boundedText(200).optional(),
              startsOn: calendarDate.optional(),
              endsOn: calendarDate.nullable().optional(),
            })
            .refine((changes) => Object.keys(changes).length > 0, 'nothing to change')
            .meta({ example: { endsOn: '2025-10-03' } }),
          response: { 200: cohortSchema, 404: errorSchema, 409: errorSchema, ...commonErrors },
        },
      },
      async (request) =>
        presentCohort(
          await editCohort(services, {
            programId: request.params.programId,
            cohortId: request.params.cohortId,
            changes: request.body,
            origin: request.origin,
          }),
        ),
    );

    app.get(
      '/programs/:programId/mentors',
      {
        config: { access: STAFF },
        schema: {
          tags: ['programs'],
          summary: 'A programme’s dedicated mentors, by name',
          params: programIdParams,
          response: { 200: listOf(dedicatedMentorSchema), 404: errorSchema, ...commonErrors },
        },
      },
      async (request) => {
        const mentors = await listDedicatedMentors(services, {
          programId: request.params.programId,
          origin: request.origin,
        });
        return { items: mentors.map(presentDedicatedMentor) };
      },
    );

    app.put(
      '/programs/:programId/mentors/:mentorId',
      {
        config: { access: STAFF },
        schema: {
          tags: ['programs'],
          summary: 'Dedicate a mentor to a programme (optionally one cohort)',
          description:
            'Only a person with a mentor profile (`not_a_mentor`). Dedicating again moves the mentor to the given cohort; `cohortId: null`: the programme as a whole.',
          params: mentorParams,
          body: z
            .strictObject({ cohortId: z.uuid().nullable() })
            .meta({ example: { cohortId: '9e2d7c41-6b3a-4f1e-8c5d-2a7b9e0f1c33' } }),
          response: { 200: dedicatedMentorSchema, 404: errorSchema, ...commonErrors },
        },
      },
      async (request) =>
        presentDedicatedMentor(
          await dedicateMentor(services, {
            programId: request.params.programId,
            mentorId: request.params.mentorId,
            cohortId: request.body.cohortId,
            origin: request.origin,
          }),
        ),
    );

    app.delete(
      '/programs/:programId/mentors/:mentorId',
      {
        config: { access: STAFF },
        schema: {
          tags: ['programs'],
          summary: 'End a mentor’s dedication to a programme',
          description: 'Their tandems in it carry on. 404 when they were not dedicated to it.',
          params: mentorParams,
          response: { 204: z.null(), 404: errorSchema, ...commonErrors },
        },
      },
      async (request, reply) => {
        await removeDedicatedMentor(services, {
          programId: request.params.programId,
          mentorId: request.params.mentorId,
          origin: request.origin,
        });
        return reply.status(204).send(null);
      },
    );
    return Promise.resolve();
  };
}
