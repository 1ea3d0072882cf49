import { z } from 'zod';
import { ERROR_CATALOGUE, type ErrorCode } from '../../domain/errors.ts';

const codes = Object.keys(ERROR_CATALOGUE) as [ErrorCode, ...ErrorCode[]];

/** The body of every error response. */
export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(codes),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({
    id: 'Error',
    example: { error: { code: 'forbidden', message: 'Vous n’avez pas accès à cette ressource.' } },
  });

/** Error responses every authenticated route may give. */
export const commonErrors = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  429: errorSchema,
} as const;
