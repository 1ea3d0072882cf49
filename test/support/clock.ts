import type { Clock } from '../../src/domain/clock.ts';

/** A clock tests move by hand. */
export function manualClock(start = new Date('2026-11-25T09:00:00Z')) {
  let current = start.getTime();
  const clock: Clock & { advanceMinutes(minutes: number): void; set(date: Date): void } = {
    now: () => new Date(current),
    advanceMinutes: (minutes) => {
      current += minutes * 60_000;
    },
    set: (date) => {
      current = date.getTime();
    },
  };
  return clock;
}
