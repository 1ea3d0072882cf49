/** The parts of a PostgreSQL error that the product reacts to. */
export type DatabaseErrorInfo = { code: string; constraint: string | undefined };

/**
 * Finds the PostgreSQL error behind a failed query, on either engine. Drizzle wraps driver
 * errors; the SQLSTATE and constraint name live on the cause.
 */
export function databaseErrorOf(error: unknown): DatabaseErrorInfo | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    const candidate = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return {
        code: candidate.code,
        constraint: typeof candidate.constraint === 'string' ? candidate.constraint : undefined,
      };
    }
    current = candidate.cause;
  }
  return undefined;
}

/** Whether a failed query broke the named constraint. */
export function isConstraintViolation(error: unknown, constraint: string): boolean {
  return databaseErrorOf(error)?.constraint === constraint;
}
