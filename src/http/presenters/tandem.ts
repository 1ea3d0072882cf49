import { z } from 'zod';
import type {
  CheckInRow,
  GoalRow,
  MeetingRow,
  TandemRow,
} from '../../db/repositories/tandems-repository.ts';
import {
  DECISIONS,
  END_REASONS,
  GOAL_KINDS,
  GOAL_STATUSES,
  TANDEM_STATUSES,
} from '../../domain/tandems.ts';
import type { TandemView } from '../../services/tandems/get-tandem.ts';
import { visibleProfileSchema } from '../../domain/visible-profile.ts';

const iso = (date: Date | null) => date?.toISOString() ?? null;

const meetingExample = {
  id: '4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b',
  occursAt: '2026-11-24T11:00:00.000Z',
  durationMinutes: 60,
  mode: 'in_person' as const,
  topics: ['CV', 'entretiens'],
  sharedSummary: 'Relecture du CV, préparation d’un entretien chez un transporteur.',
  loggedBy: '3c9a1e55-0d2b-4f7a-b6e8-1f2d3c4b5a66',
};

export const meetingSchema = z
  .object({
    id: z.uuid(),
    occursAt: z.iso.datetime(),
    durationMinutes: z.number().int(),
    mode: z.enum(['in_person', 'remote', 'both']),
    topics: z.array(z.string()),
    sharedSummary: z.string().nullable(),
    loggedBy: z.uuid().nullable(),
  })
  .meta({ id: 'Meeting', example: meetingExample });

/** A meeting as both sides see it (private notes are never part of it). */
export function presentMeeting(meeting: MeetingRow): z.infer<typeof meetingSchema> {
  return {
    id: meeting.id,
    occursAt: meeting.occursAt.toISOString(),
    durationMinutes: meeting.durationMinutes,
    mode: meeting.mode,
    topics: meeting.topics,
    sharedSummary: meeting.sharedSummary,
    loggedBy: meeting.loggedBy,
  };
}

const goalExample = {
  id: '5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c',
  kind: 'next_step' as const,
  title: 'Envoyer trois candidatures spontanées',
  description: null,
  status: 'open' as const,
  dueOn: '2026-12-05',
  achievedAt: null,
};

export const goalSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(GOAL_KINDS),
    title: z.string(),
    description: z.string().nullable(),
    status: z.enum(GOAL_STATUSES),
    dueOn: z.iso.date().nullable(),
    achievedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'TandemGoal', example: goalExample });

/** A goal or next step the pair shares. */
export function presentGoal(goal: GoalRow): z.infer<typeof goalSchema> {
  return {
    id: goal.id,
    kind: goal.kind,
    title: goal.title,
    description: goal.description,
    status: goal.status,
    dueOn: goal.dueOn,
    achievedAt: iso(goal.achievedAt),
  };
}

export const checkInSchema = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    status: z.string(),
    dueAt: z.iso.datetime(),
    answeredAt: z.iso.datetime().nullable(),
  })
  .meta({
    id: 'CheckIn',
    example: {
      id: '6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d',
      kind: 'pairing_fit',
      status: 'answered',
      dueAt: '2026-11-24T12:00:00.000Z',
      answeredAt: '2026-11-24T18:30:00.000Z',
    },
  });

/** A check-in addressed to the reader. */
export function presentCheckIn(checkIn: CheckInRow): z.infer<typeof checkInSchema> {
  return {
    id: checkIn.id,
    kind: checkIn.kind,
    status: checkIn.status,
    dueAt: checkIn.dueAt.toISOString(),
    answeredAt: iso(checkIn.answeredAt),
  };
}

const tandemExample = {
  id: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f',
  programId: '5d0f4a8e-1c2b-4e6f-9a7d-3b8c2e1f0a44',
  menteeId: '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9',
  mentorId: '3c9a1e55-0d2b-4f7a-b6e8-1f2d3c4b5a66',
  status: 'active' as const,
  viewer: 'mentor' as const,
  score: 0.39,
  reasons: ['Besoins couverts : CV et entretiens (1 sur 1)'],
  proposedAt: '2026-11-20T09:00:00.000Z',
  replyDeadlineAt: '2026-11-27T09:00:00.000Z',
  menteeDecision: 'accepted' as const,
  mentorDecision: 'accepted' as const,
  acceptedAt: '2026-11-21T10:00:00.000Z',
  startedAt: '2026-11-24T11:00:00.000Z',
  endedAt: null,
  endReason: null,
  mentor: {
    firstName: 'Nadia',
    headline: 'Mentor · recruteur·se, Responsable recrutement',
    commune: 'Marseille 13e Arrondissement',
    meetingMode: 'en présentiel ou à distance',
    topics: ['CV et entretiens', 'réseau'],
    about: null,
  },
  mentee: {
    firstName: 'Inès',
    headline: 'Mentoré·e · une recherche d’emploi',
    commune: 'Marseille 3e Arrondissement',
    meetingMode: 'en présentiel',
    topics: ['CV et entretiens'],
    about: 'Je cherche un poste de logisticienne.',
  },
  meetings: [meetingExample],
  goals: [goalExample],
  ownNotes: [{ meetingId: meetingExample.id, body: 'À relancer sur le réseau.' }],
  pendingCheckIns: [],
  history: [
    {
      from: null,
      to: 'proposed' as const,
      at: '2026-11-20T09:00:00.000Z',
      reason: 'round_published',
    },
  ],
};

export const tandemSchema = z
  .object({
    id: z.uuid(),
    programId: z.uuid(),
    menteeId: z.uuid(),
    mentorId: z.uuid(),
    status: z.enum(TANDEM_STATUSES),
    viewer: z.enum(['mentor', 'mentee', 'staff']),
    score: z.number().nullable(),
    reasons: z.array(z.string()),
    proposedAt: z.iso.datetime(),
    replyDeadlineAt: z.iso.datetime().nullable(),
    menteeDecision: z.enum(DECISIONS).nullable(),
    mentorDecision: z.enum(DECISIONS).nullable(),
    acceptedAt: z.iso.datetime().nullable(),
    startedAt: z.iso.datetime().nullable(),
    endedAt: z.iso.datetime().nullable(),
    endReason: z.enum(END_REASONS).nullable(),
    mentor: visibleProfileSchema,
    mentee: visibleProfileSchema,
    meetings: z.array(meetingSchema),
    goals: z.array(goalSchema),
    ownNotes: z.array(z.object({ meetingId: z.uuid().nullable(), body: z.string() })),
    pendingCheckIns: z.array(checkInSchema),
    history: z.array(
      z.object({
        from: z.enum(TANDEM_STATUSES).nullable(),
        to: z.enum(TANDEM_STATUSES),
        at: z.iso.datetime(),
        reason: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'Tandem', example: tandemExample });

/** A tandem as its reader may see it (the decline reason and end comment stay with staff). */
export function presentTandem(view: TandemView): z.infer<typeof tandemSchema> {
  const tandem: TandemRow = view.tandem;
  return {
    id: tandem.id,
    programId: tandem.programId,
    menteeId: tandem.menteeId,
    mentorId: tandem.mentorId,
    status: tandem.status,
    viewer: view.viewer,
    score: tandem.score,
    reasons: view.reasons,
    proposedAt: tandem.proposedAt.toISOString(),
    replyDeadlineAt: iso(tandem.replyDeadlineAt),
    menteeDecision: tandem.menteeDecision,
    mentorDecision: tandem.mentorDecision,
    acceptedAt: iso(tandem.acceptedAt),
    startedAt: iso(tandem.startedAt),
    endedAt: iso(tandem.endedAt),
    endReason: tandem.endReason,
    mentor: view.mentor,
    mentee: view.mentee,
    meetings: view.meetings.map(presentMeeting),
    goals: view.goals.map(presentGoal),
    ownNotes: view.ownNotes.map((note) => ({ meetingId: note.meetingId, body: note.body })),
    pendingCheckIns: view.pendingCheckIns.map(presentCheckIn),
    history: view.history.map((row) => ({
      from: row.fromStatus,
      to: row.toStatus,
      at: row.changedAt.toISOString(),
      reason:
        view.viewer === 'staff'
          ? row.reason
          : row.reason === null
            ? null
            : publicReason(row.reason),
    })),
  };
}

/** Status-history reasons that are codes are shown; free text (a decline's words) is staff's. */
function publicReason(reason: string): string | null {
  return /^[a-z_]+$/.test(reason) ? reason : null;
}
