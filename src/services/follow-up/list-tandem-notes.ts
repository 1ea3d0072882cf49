import { findStaffNotesOfTandem } from '../../db/repositories/notes-repository.ts';
import { findTandem } from '../../db/repositories/tandems-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { requireRole } from '../../domain/policies.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';

export type ListTandemNotesOptions = { tandemId: string; origin: RequestOrigin };

/** The hub's notes on a tandem, newest first: staff only (never its mentor or mentee). */
export async function listTandemNotes(context: ServiceContext, options: ListTandemNotesOptions) {
  requireRole(options.origin.actor, ['admin', 'coordinator']);
  if (!(await findTandem(context.db, options.tandemId))) {
    throw new AppError('not_found', 'Tandem introuvable.');
  }
  return findStaffNotesOfTandem(context.db, options.tandemId);
}
