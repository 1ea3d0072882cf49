import {
  findPartnerForUpdate,
  updatePartner,
  type PartnerChanges,
  type PartnerRow,
} from '../../db/repositories/partners-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { requireRole } from '../../domain/policies.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { PARTNER_MANAGERS, rethrowPartnerWriteError } from './partner-write-errors.ts';

export type EditPartnerOptions = {
  partnerId: string;
  /** Only the fields to change; `null` clears an optional field. */
  changes: PartnerChanges;
  origin: RequestOrigin;
};

/** Edits a partner's details (staff only), with the same rules as creation. */
export async function editPartner(
  context: ServiceContext,
  options: EditPartnerOptions,
): Promise<PartnerRow> {
  requireRole(options.origin.actor, PARTNER_MANAGERS);
  const now = context.clock.now();
  const changes: PartnerChanges = { ...options.changes };
  if (changes.name !== undefined) changes.name = changes.name.trim();
  return context.db
    .transaction(async (tx) => {
      const before = await findPartnerForUpdate(tx, options.partnerId);
      if (!before) throw new AppError('not_found');
      const partner = Object.keys(changes).length
        ? await updatePartner(tx, options.partnerId, changes)
        : before;
      if (!partner) throw new AppError('not_found');
      await recordAudit(tx, options.origin, now, {
        action: 'partner.edit',
        subjectType: 'partner',
        subjectId: partner.id,
        details: { changes },
      });
      return partner;
    })
    .catch(rethrowPartnerWriteError);
}
