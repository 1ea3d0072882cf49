import { expect } from 'vitest';
import { isAppError, type ErrorCode } from '../../src/domain/errors.ts';

/** Runs `run`, expects it to throw an `AppError` with `code`, and returns its message. */
export function messageOfAppError(run: () => unknown, code: ErrorCode): string {
  try {
    run();
  } catch (error) {
    expect(isAppError(error, code), String(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error(`expected an AppError ${code}`);
}

/** The code of the `AppError` a promise rejects with, or undefined when it resolves. */
export async function failureCode(promise: Promise<unknown>): Promise<ErrorCode | undefined> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  return undefined;
}
