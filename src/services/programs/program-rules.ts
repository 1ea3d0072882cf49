import { isConstraintViolation } from '../../db/errors.ts';
import {
  COHORT_DATES_CHECK,
  COHORT_NAME_UNIQUE,
  PROGRAM_PARTNER_FK,
} from '../../db/repositories/programs-repository.ts';
import { AppError } from '../../domain/errors.ts';

/** Who manages programmes, cohorts and dedicated mentors: hub staff. */
export const PROGRAM_MANAGERS = ['admin', 'coordinator'] as const;

/** The longest programme, and so the latest check-in, in months. */
export const MAX_PROGRAM_MONTHS = 60;

/**
 * Whether `months` is a valid check-in schedule: whole months from 1 to 60, strictly
 * increasing (so no month twice). An empty schedule means no scheduled check-ins.
 */
export function isCheckInSchedule(months: readonly number[]): boolean {
  return months.every(
    (month, index) =>
      Number.isInteger(month) &&
      month >= 1 &&
      month <= MAX_PROGRAM_MONTHS &&
      (index === 0 || month > months[index - 1]!),
  );
}

/** Refuses a schedule that `isCheckInSchedule` rejects — for callers other than HTTP (CLI). */
export function requireCheckInSchedule(months: readonly number[] | undefined): void {
  if (months !== undefined && !isCheckInSchedule(months)) {
    throw new AppError('validation_failed', undefined, {
      fields: [{ field: 'body/checkInMonths', message: 'whole months 1..60, strictly increasing' }],
    });
  }
}

/** Whether a cohort's dates are in order (an open-ended cohort always is). */
export function areCohortDatesInOrder(startsOn: string, endsOn: string | null): boolean {
  // ISO dates (YYYY-MM-DD) order as strings.
  return endsOn === null || endsOn >= startsOn;
}

/** Maps the constraint violations of programme and cohort writes; rethrows anything else. */
export function rethrowProgramWriteError(error: unknown): never {
  if (isConstraintViolation(error, PROGRAM_PARTNER_FK)) {
    throw new AppError('partner_unknown', undefined, {
      fields: [{ field: 'body/partnerId', message: 'unknown partner' }],
    });
  }
  if (isConstraintViolation(error, COHORT_NAME_UNIQUE)) {
    throw new AppError('cohort_name_taken', undefined, {
      fields: [{ field: 'body/name', message: 'already taken in this programme' }],
    });
  }
  if (isConstraintViolation(error, COHORT_DATES_CHECK)) {
    throw new AppError('cohort_dates_invalid');
  }
  throw error;
}
