import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERROR_CATALOGUE, type ErrorCode } from '../domain/errors.ts';

/** The JSON body of every error response. */
export type ErrorBody = {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
};

function body(code: ErrorCode, message?: string, details?: Record<string, unknown>): ErrorBody {
  return {
    error: {
      code,
      message: message ?? ERROR_CATALOGUE[code].message,
      ...(details ? { details } : {}),
    },
  };
}

/**
 * Maps every failure to the error catalogue in one place. Validation problems list the bad
 * fields; anything unexpected is logged and answered with a bare `internal_error`, never
 * with its details.
 */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof AppError) {
    void reply.status(error.status).send(body(error.code, error.message, error.details));
    return;
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields = error.validation.map((issue) => ({
      field: `${error.validationContext ?? 'body'}${issue.instancePath || ''}`,
      message: issue.message,
    }));
    void reply.status(400).send(body('validation_failed', undefined, { fields }));
    return;
  }
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.code?.startsWith('FST_CSRF_')) {
    void reply.status(403).send(body('csrf_token_invalid'));
    return;
  }
  const status = fastifyError.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code: ErrorCode =
      status === 404
        ? 'not_found'
        : status === 401
          ? 'unauthenticated'
          : status === 403
            ? 'forbidden'
            : 'validation_failed';
    void reply.status(status).send(body(code));
    return;
  }
  request.log.error({ err: error }, 'request failed');
  void reply.status(500).send(body('internal_error'));
}

/** Unknown routes answer in the same shape as every other error. */
export function handleNotFound(_request: FastifyRequest, reply: FastifyReply): void {
  void reply.status(404).send(body('not_found'));
}
