import { createEvent } from 'ics';
import { z } from 'zod';

/**
 * A meeting to put in the recipient's calendar, as a `send_email` job carries it. Times are
 * instants (ISO 8601 with an offset); the invitation is written in UTC, which every calendar
 * shows in its own time zone.
 */
export const calendarEventSchema = z.object({
  /** Stable across updates of the same meeting, so that calendars replace, not duplicate. */
  uid: z.string().min(1).max(200),
  /** Raised at each update of the same meeting (RFC 5545 `SEQUENCE`). */
  sequence: z.number().int().min(0).default(0),
  method: z.enum(['REQUEST', 'CANCEL']).default('REQUEST'),
  title: z.string().min(1).max(300),
  description: z.string().max(5000).optional(),
  location: z.string().max(500).optional(),
  url: z.url().optional(),
  start: z.iso.datetime({ offset: true }),
  end: z.iso.datetime({ offset: true }),
  organizer: z.object({ name: z.string().max(200), email: z.email() }),
  attendees: z
    .array(z.object({ name: z.string().max(200).optional(), email: z.email() }))
    .min(1)
    .max(50),
});

export type CalendarEvent = z.input<typeof calendarEventSchema>;

/** An ICS invitation ready to attach: its method and its text. */
export type CalendarInvite = { method: 'REQUEST' | 'CANCEL'; content: string };

/** Writes the invitation of a meeting (RFC 5545, `METHOD:REQUEST` or `CANCEL`). */
export function renderCalendarInvite(event: CalendarEvent): CalendarInvite {
  const parsed = calendarEventSchema.parse(event);
  const start = Date.parse(parsed.start);
  const end = Date.parse(parsed.end);
  if (end <= start) throw new Error('a calendar event must end after it starts');
  const { error, value } = createEvent({
    productId: 'tandem/ics',
    method: parsed.method,
    uid: parsed.uid,
    sequence: parsed.sequence,
    status: parsed.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
    title: parsed.title,
    ...(parsed.description ? { description: parsed.description } : {}),
    ...(parsed.location ? { location: parsed.location } : {}),
    ...(parsed.url ? { url: parsed.url } : {}),
    start,
    startInputType: 'utc',
    startOutputType: 'utc',
    end,
    endInputType: 'utc',
    endOutputType: 'utc',
    organizer: parsed.organizer,
    attendees: parsed.attendees.map((attendee) => ({
      ...attendee,
      rsvp: true,
      role: 'REQ-PARTICIPANT',
      partstat: 'NEEDS-ACTION',
    })),
  });
  if (error || !value) throw new Error(`cannot write the calendar invitation: ${String(error)}`);
  return { method: parsed.method, content: value };
}
