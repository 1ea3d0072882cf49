import { z } from 'zod';
import type { AlertListing, TandemOverviewRow } from '../../db/repositories/alerts-repository.ts';
import type { NoteRow } from '../../db/repositories/notes-repository.ts';
import type { AlertRow } from '../../db/repositories/tandems-repository.ts';
import { ALERT_KINDS, ALERT_STATUSES, TANDEM_STATUSES } from '../../domain/tandems.ts';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export const alertSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(ALERT_KINDS),
    status: z.enum(ALERT_STATUSES),
    message: z.string(),
    tandemId: z.uuid().nullable(),
    menteeId: z.uuid().nullable(),
    menteeName: z.string().nullable(),
    programId: z.uuid().nullable(),
    programName: z.string().nullable(),
    createdAt: z.iso.datetime(),
    acknowledgedAt: z.iso.datetime().nullable(),
    resolvedAt: z.iso.datetime().nullable(),
  })
  .meta({
    id: 'Alert',
    example: {
      id: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
      kind: 'no_meeting',
      status: 'open',
      message:
        'Le tandem Yasmine Benali – Nadia Roux n’a noté aucune rencontre depuis le 2 mars 2027 (31 jours).',
      tandemId: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f',
      menteeId: '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9',
      menteeName: 'Yasmine Benali',
      programId: '5d0f4a8e-1c2b-4e6f-9a7d-3b8c2e1f0a44',
      programName: 'Programme général',
      createdAt: '2027-04-02T08:30:00.000Z',
      acknowledgedAt: null,
      resolvedAt: null,
    },
  });

/** An alert as its inbox shows it (its raw details stay inside). */
export function presentAlert(listing: AlertListing): z.infer<typeof alertSchema> {
  const { alert } = listing;
  return {
    ...presentAlertRow(alert),
    menteeName:
      listing.menteeFirstName !== null
        ? `${listing.menteeFirstName} ${listing.menteeLastName ?? ''}`.trim()
        : null,
    programId: listing.programId,
    programName: listing.programName,
  };
}

/** An alert after a change, without the inbox's joins. */
export function presentAlertRow(alert: AlertRow): z.infer<typeof alertSchema> {
  return {
    id: alert.id,
    kind: alert.kind,
    status: alert.status,
    message: alert.message,
    tandemId: alert.tandemId,
    menteeId: alert.menteeId,
    menteeName: null,
    programId: null,
    programName: null,
    createdAt: alert.createdAt.toISOString(),
    acknowledgedAt: iso(alert.acknowledgedAt),
    resolvedAt: iso(alert.resolvedAt),
  };
}

export const tandemNoteSchema = z
  .object({
    id: z.uuid(),
    body: z.string(),
    visibility: z.enum(['staff', 'partner']),
    authorName: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({
    id: 'TandemNote',
    example: {
      id: '7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b',
      body: 'Appelé Yasmine : reprise des rencontres la semaine prochaine.',
      visibility: 'staff',
      authorName: 'Claire Dupuis',
      createdAt: '2027-04-02T09:00:00.000Z',
    },
  });

/** A hub note on a tandem, with its author's name. */
export function presentTandemNote(row: {
  note: NoteRow;
  authorFirstName: string;
  authorLastName: string;
}): z.infer<typeof tandemNoteSchema> {
  return {
    id: row.note.id,
    body: row.note.body,
    visibility: row.note.visibility === 'partner' ? 'partner' : 'staff',
    authorName: `${row.authorFirstName} ${row.authorLastName}`,
    createdAt: row.note.createdAt.toISOString(),
  };
}

export const tandemOverviewSchema = z
  .object({
    tandemId: z.uuid(),
    status: z.enum(TANDEM_STATUSES),
    menteeId: z.uuid(),
    menteeName: z.string(),
    mentorFirstName: z.string(),
    startedAt: z.iso.datetime().nullable(),
    endedAt: z.iso.datetime().nullable(),
    lastMeetingAt: z.iso.datetime().nullable(),
    openAlerts: z.number().int(),
  })
  .meta({
    id: 'TandemOverview',
    example: {
      tandemId: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f',
      status: 'active',
      menteeId: '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9',
      menteeName: 'Yasmine Benali',
      mentorFirstName: 'Nadia',
      startedAt: '2027-01-10T11:00:00.000Z',
      endedAt: null,
      lastMeetingAt: '2027-03-02T11:00:00.000Z',
      openAlerts: 1,
    },
  });

/** One line of the follow-up overview. */
export function presentTandemOverview(
  row: TandemOverviewRow,
): z.infer<typeof tandemOverviewSchema> {
  return {
    tandemId: row.tandemId,
    status: row.status,
    menteeId: row.menteeId,
    menteeName: `${row.menteeFirstName} ${row.menteeLastName}`,
    mentorFirstName: row.mentorFirstName,
    startedAt: iso(row.startedAt),
    endedAt: iso(row.endedAt),
    lastMeetingAt: iso(row.lastMeetingAt),
    openAlerts: row.openAlerts,
  };
}
