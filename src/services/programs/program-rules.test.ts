import { describe, expect, it } from 'vitest';
import { areCohortDatesInOrder, isCheckInSchedule } from './program-rules.ts';

describe('programme rules', () => {
  it('accept strictly increasing whole months from 1 to 60 as a check-in schedule', () => {
    expect(isCheckInSchedule([1, 3, 6])).toBe(true);
    expect(isCheckInSchedule([])).toBe(true);
    expect(isCheckInSchedule([60])).toBe(true);
    expect(isCheckInSchedule([3, 1])).toBe(false);
    expect(isCheckInSchedule([1, 1])).toBe(false);
    expect(isCheckInSchedule([0, 1])).toBe(false);
    expect(isCheckInSchedule([61])).toBe(false);
    expect(isCheckInSchedule([1.5])).toBe(false);
  });

  it('keep a cohort’s end on or after its start', () => {
    expect(areCohortDatesInOrder('2025-03-03', '2025-03-03')).toBe(true);
    expect(areCohortDatesInOrder('2025-03-03', null)).toBe(true);
    expect(areCohortDatesInOrder('2025-03-03', '2025-03-02')).toBe(false);
    expect(areCohortDatesInOrder('2025-12-31', '2026-01-01')).toBe(true);
  });
});
