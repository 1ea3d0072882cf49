import { z } from 'zod';

/**
 * Free text as PostgreSQL stores it: trimmed, bounded, and never a NUL character (which
 * PostgreSQL refuses in text, and which would otherwise surface as a 5xx).
 */
export function boundedText(max: number, min = 1) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .regex(/^[^\u0000]*$/, 'must not contain NUL characters');
}
