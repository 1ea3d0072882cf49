import { isConstraintViolation } from '../../db/errors.ts';
import {
  PARTNER_COMMUNE_FK,
  PARTNER_NAME_UNIQUE,
} from '../../db/repositories/partners-repository.ts';
import { AppError } from '../../domain/errors.ts';

/**
 * Turns the constraint violations a partner write can hit into the product's errors; anything
 * else is rethrown as is. The constraints are the source of truth: a check before the write
 * would still race with another coordinator creating the same name.
 */
export function rethrowPartnerWriteError(error: unknown): never {
  if (isConstraintViolation(error, PARTNER_NAME_UNIQUE)) {
    throw new AppError('partner_name_taken', undefined, {
      fields: [{ field: 'body/name', message: 'already taken' }],
    });
  }
  if (isConstraintViolation(error, PARTNER_COMMUNE_FK)) {
    throw new AppError('commune_unknown', undefined, {
      fields: [{ field: 'body/communeCode', message: 'unknown commune code' }],
    });
  }
  throw error;
}

/** Who manages partners: hub staff. */
export const PARTNER_MANAGERS = ['admin', 'coordinator'] as const;
