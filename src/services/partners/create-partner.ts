import { insertPartner, type PartnerRow } from '../../db/repositories/partners-repository.ts';
import type { PartnerKind } from '../../domain/people.ts';
import { requireRole } from '../../domain/policies.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { PARTNER_MANAGERS, rethrowPartnerWriteError } from './partner-write-errors.ts';

export type CreatePartnerOptions = {
  name: string;
  kind: PartnerKind;
  siret?: string | null | undefined;
  /** INSEE code of the partner's commune; must exist in the reference data. */
  communeCode?: string | null | undefined;
  address?: string | null | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  origin: RequestOrigin;
};

/**
 * Registers a partner organisation (staff only). Names are unique whatever their case
 * (`partner_name_taken`); an unknown commune code is refused (`commune_unknown`).
 */
export async function createPartner(
  context: ServiceContext,
  options: CreatePartnerOptions,
): Promise<PartnerRow> {
  requireRole(options.origin.actor, PARTNER_MANAGERS);
  const now = context.clock.now();
  return context.db
    .transaction(async (tx) => {
      const partner = await insertPartner(tx, {
        name: options.name.trim(),
        kind: options.kind,
        siret: options.siret ?? null,
        communeCode: options.communeCode ?? null,
        address: options.address ?? null,
        email: options.email ?? null,
        phone: options.phone ?? null,
        createdAt: now,
      });
      await recordAudit(tx, options.origin, now, {
        action: 'partner.create',
        subjectType: 'partner',
        subjectId: partner.id,
        details: { name: partner.name, kind: partner.kind },
      });
      return partner;
    })
    .catch(rethrowPartnerWriteError);
}
