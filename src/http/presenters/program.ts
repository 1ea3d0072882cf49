import { z } from 'zod';
import type {
  CohortRow,
  DedicatedMentorRow,
  ProgramRow,
} from '../../db/repositories/programs-repository.ts';
import {
  DEFAULT_MATCHING_WEIGHTS,
  MATCHING_CRITERIA,
  readMatchingWeights,
} from '../../domain/matching-weights.ts';
import { MENTOR_STATUSES, TRACKS } from '../../domain/people.ts';

const weightsShape = Object.fromEntries(
  MATCHING_CRITERIA.map((criterion) => [criterion, z.number()]),
) as Record<(typeof MATCHING_CRITERIA)[number], z.ZodNumber>;

/** Stored weights, complete: one number per criterion. */
export const presentedWeightsSchema = z.object(weightsShape).meta({
  id: 'MatchingWeights',
  description:
    'Relative weight of each matching criterion (the engine divides each by their sum). A programme without weights uses the engine defaults.',
  example: DEFAULT_MATCHING_WEIGHTS,
});

export const programSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    isDefault: z.boolean(),
    partnerId: z.uuid().nullable(),
    tracks: z.array(z.enum(TRACKS)),
    durationMonths: z.number().int(),
    checkInMonths: z.array(z.number().int()),
    proposalDeadlineDays: z.number().int(),
    restrictToDedicatedMentors: z.boolean(),
    matchingWeights: presentedWeightsSchema.nullable(),
    minimumScore: z.number().nullable(),
    isActive: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({
    id: 'Program',
    example: {
      id: '5d0f4a8e-1c2b-4e6f-9a7d-3b8c2e1f0a44',
      name: 'Work’Up Massilia – session 3',
      description: 'Six mois pour retrouver un emploi, avec des mentors recruteurs.',
      isDefault: false,
      partnerId: '0b7e5c1a-2f44-4b0e-8d0e-6a3c2b1f9e20',
      tracks: ['job_search'],
      durationMonths: 6,
      checkInMonths: [1, 3, 6],
      proposalDeadlineDays: 7,
      restrictToDedicatedMentors: true,
      matchingWeights: { ...DEFAULT_MATCHING_WEIGHTS, occupation: 0.3, text: 0 },
      minimumScore: 0.4,
      isActive: true,
      createdAt: '2025-02-01T08:00:00.000Z',
    },
  });

export type PresentedProgram = z.infer<typeof programSchema>;

/** A programme: its settings, including the matching weights (null: engine defaults). */
export function presentProgram(program: ProgramRow): PresentedProgram {
  return {
    id: program.id,
    name: program.name,
    description: program.description,
    isDefault: program.isDefault,
    partnerId: program.partnerId,
    tracks: program.tracks,
    durationMonths: program.durationMonths,
    checkInMonths: program.checkInMonths,
    proposalDeadlineDays: program.proposalDeadlineDays,
    restrictToDedicatedMentors: program.restrictToDedicatedMentors,
    matchingWeights: readMatchingWeights(program.matchingWeights),
    minimumScore: program.minimumScore,
    isActive: program.isActive,
    createdAt: program.createdAt.toISOString(),
  };
}

export const cohortSchema = z
  .object({
    id: z.uuid(),
    programId: z.uuid(),
    name: z.string(),
    startsOn: z.iso.date(),
    endsOn: z.iso.date().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({
    id: 'Cohort',
    example: {
      id: '9e2d7c41-6b3a-4f1e-8c5d-2a7b9e0f1c33',
      programId: '5d0f4a8e-1c2b-4e6f-9a7d-3b8c2e1f0a44',
      name: 'Session 3 – printemps 2025',
      startsOn: '2025-03-03',
      endsOn: '2025-09-05',
      createdAt: '2025-02-01T08:05:00.000Z',
    },
  });

export type PresentedCohort = z.infer<typeof cohortSchema>;

/** A cohort (promotion) of a programme. */
export function presentCohort(cohort: CohortRow): PresentedCohort {
  return {
    id: cohort.id,
    programId: cohort.programId,
    name: cohort.name,
    startsOn: cohort.startsOn,
    endsOn: cohort.endsOn,
    createdAt: cohort.createdAt.toISOString(),
  };
}

export const dedicatedMentorSchema = z
  .object({
    mentorId: z.uuid(),
    firstName: z.string(),
    lastName: z.string(),
    mentorStatus: z.enum(MENTOR_STATUSES),
    cohortId: z.uuid().nullable(),
    addedAt: z.iso.datetime(),
  })
  .meta({
    id: 'DedicatedMentor',
    example: {
      mentorId: '3c9a1e55-0d2b-4f7a-b6e8-1f2d3c4b5a66',
      firstName: 'Nadia',
      lastName: 'Benali',
      mentorStatus: 'active',
      cohortId: null,
      addedAt: '2025-02-03T10:00:00.000Z',
    },
  });

export type PresentedDedicatedMentor = z.infer<typeof dedicatedMentorSchema>;

/** A mentor dedicated to a programme: who, their state, and the cohort if any (staff only). */
export function presentDedicatedMentor(mentor: DedicatedMentorRow): PresentedDedicatedMentor {
  return {
    mentorId: mentor.mentorId,
    firstName: mentor.firstName,
    lastName: mentor.lastName,
    mentorStatus: mentor.mentorStatus,
    cohortId: mentor.cohortId,
    addedAt: mentor.addedAt.toISOString(),
  };
}
