import { z } from 'zod';
import {
  AVAILABILITY_SLOTS,
  MEETING_MODES,
  MENTOR_KINDS,
  NEEDS,
  TRACKS,
} from '../domain/people.ts';
import { MATCHING_MODES } from '../domain/tandems.ts';

const id = z.string().min(1);
const rome = z.string().regex(/^[A-N]\d{4}$/, 'a ROME code such as M1805');
const naf = z.string().regex(/^\d{2}(\.\d{1,2}[A-Z]?)?$|^[A-U]$/, 'a NAF code such as 62.01Z');
const language = z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639 code such as fr');
const text = z.string().max(20_000);

/** Where a person is; every field is optional and the finest known one decides proximity. */
const placeFields = {
  communeCode: z
    .string()
    .regex(/^(\d[\dAB]\d{3})$/, 'an INSEE commune code')
    .optional(),
  parentCommuneCode: z.string().optional(),
  epciCode: z.string().optional(),
  departement: z.string().optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
};

/** Fields both sides share in a full profile. */
const sharedProfileFields = {
  ...placeFields,
  meetingMode: z.enum(MEETING_MODES).optional(),
  availability: z.array(z.enum(AVAILABILITY_SLOTS)).optional(),
  languages: z.array(language).optional(),
  employer: z.string().optional(),
  familyName: z.string().optional(),
};

export const mentorSchema = z.object({
  id,
  capacity: z.number().int().min(0),
  isPaused: z.boolean().optional(),
  kind: z.enum(MENTOR_KINDS).optional(),
  occupations: z.array(rome).optional(),
  sectors: z.array(naf).optional(),
  expertise: z.array(z.enum(NEEDS)).optional(),
  experience: text.optional(),
  /** Programs the mentor is dedicated to; absent or empty means open to every program. */
  programs: z.array(z.string()).optional(),
  ...sharedProfileFields,
});

export const menteeSchema = z.object({
  id,
  track: z.enum(TRACKS).optional(),
  occupations: z.array(rome).optional(),
  sectors: z.array(naf).optional(),
  needs: z.array(z.enum(NEEDS)).optional(),
  project: text.optional(),
  program: z.string().optional(),
  requiredLanguage: language.optional(),
  /** Days since the mentee was referred; feeds the optional fairness bonus. */
  waitingDays: z.number().min(0).optional(),
  ...sharedProfileFields,
});

const pairRef = z.object({ mentee: id, mentor: id });

export const instanceSchema = z.object({
  mentors: z.array(mentorSchema),
  mentees: z.array(menteeSchema),
  pairs: z
    .array(pairRef.extend({ score: z.number().refine(Number.isFinite, 'a finite number') }))
    .optional(),
  preferences: z
    .object({
      mentees: z.record(z.string(), z.array(id)).optional(),
      mentors: z.record(z.string(), z.array(id)).optional(),
    })
    .optional(),
  exclusions: z.array(pairRef).optional(),
});

/** A matching instance as stored on disk (DESIGN.md, "Contracts"). */
export type MatchingInstance = z.infer<typeof instanceSchema>;
export type MentorProfile = z.infer<typeof mentorSchema>;
export type MenteeProfile = z.infer<typeof menteeSchema>;
export type PlaceFields = Pick<MenteeProfile, keyof typeof placeFields>;

export const matchingModeSchema = z.enum(MATCHING_MODES);

/** One line of the output: who is matched with whom, and why. */
export type AssignmentLine = {
  mentee: string;
  mentor: string;
  score: number;
  fairnessBonus?: number;
  explanation?: ExplanationLine[];
};

/** One criterion's share of a score, with its French sentence. */
export type ExplanationLine = { criterion: string; contribution: number; text: string };

/** The output format of a matching run (DESIGN.md, "Contracts"), plus diagnostics. */
export type MatchingOutput = {
  mode: z.infer<typeof matchingModeSchema>;
  assignments: AssignmentLine[];
  unmatched: string[];
  matchedCount: number;
  totalScore: number;
  diagnostics?: Record<string, unknown>;
};
