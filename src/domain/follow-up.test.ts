import { describe, expect, it } from 'vitest';
import { addMonths, checkInDueDates, isWorryingAnswer } from './follow-up.ts';

describe('check-in schedule', () => {
  it('adds months on the same day, or the last day of a shorter month', () => {
    expect(addMonths(new Date('2026-01-15T10:00:00Z'), 1).toISOString()).toBe(
      '2026-02-15T10:00:00.000Z',
    );
    expect(addMonths(new Date('2026-01-31T10:00:00Z'), 1).toISOString()).toBe(
      '2026-02-28T10:00:00.000Z',
    );
    expect(addMonths(new Date('2026-11-30T10:00:00Z'), 3).toISOString()).toBe(
      '2027-02-28T10:00:00.000Z',
    );
  });

  it('schedules each programme month once, in order, and ignores impossible months', () => {
    const start = new Date('2026-03-01T12:00:00Z');
    expect(checkInDueDates(start, [6, 1, 3, 3, 0, 61]).map((due) => due.monthNumber)).toEqual([
      1, 3, 6,
    ]);
    expect(checkInDueDates(start, [1])[0]!.dueAt.toISOString()).toBe('2026-04-01T12:00:00.000Z');
  });
});

describe('worrying answers', () => {
  it('worries about low satisfaction or a tandem off track, not otherwise', () => {
    expect(isWorryingAnswer({ satisfaction: 2, isOnTrack: true })).toBe(true);
    expect(isWorryingAnswer({ satisfaction: 5, isOnTrack: false })).toBe(true);
    expect(isWorryingAnswer({ satisfaction: 3, isOnTrack: true })).toBe(false);
  });
});
