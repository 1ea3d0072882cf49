/**
 * The rules of qualitative follow-up: when check-ins go out, when silence becomes a risk,
 * which answers worry the hub. Pure: the services and the job apply them on the clock.
 */

/** Days without any meeting after which an active tandem raises a `no_meeting` alert. */
export const NO_MEETING_ALERT_DAYS = 30;
/** Days after a check-in is sent before its one reminder goes out. */
export const CHECK_IN_REMINDER_DAYS = 7;
/** Days after a check-in is sent before, still unanswered after its reminder, it is missed. */
export const CHECK_IN_MISSED_DAYS = 14;
/** A satisfaction (1–5) at or below this raises a `low_satisfaction` alert. */
export const LOW_SATISFACTION_AT_MOST = 2;
/** Closure check-ins are sent to tandems ended within this many days (not to old ones). */
export const CLOSURE_CHECK_IN_WINDOW_DAYS = 30;

/**
 * The same day `months` months later, in UTC; a day the target month lacks (31 January + 1
 * month) falls on that month's last day, so that a check-in never jumps a month.
 */
export function addMonths(date: Date, months: number): Date {
  const target = new Date(date.getTime());
  const day = target.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target;
}

/**
 * When each scheduled check-in of a tandem is due: the programme's months after the start,
 * without duplicates and in order. Months outside 1–60 are ignored (a programme lasts at most
 * 60 months).
 */
export function checkInDueDates(
  startedAt: Date,
  checkInMonths: readonly number[],
): { monthNumber: number; dueAt: Date }[] {
  return [...new Set(checkInMonths)]
    .filter((month) => Number.isInteger(month) && month >= 1 && month <= 60)
    .sort((a, b) => a - b)
    .map((monthNumber) => ({ monthNumber, dueAt: addMonths(startedAt, monthNumber) }));
}

/** A check-in answer: how satisfied (1–5) and whether the tandem is on track. */
export type CheckInAnswer = { satisfaction: number; isOnTrack: boolean };

/** Whether an answer should alert the coordinator and the referrer. */
export function isWorryingAnswer(answer: CheckInAnswer): boolean {
  return answer.satisfaction <= LOW_SATISFACTION_AT_MOST || !answer.isOnTrack;
}
