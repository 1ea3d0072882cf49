import { z } from 'zod';
import type { PartnerRow } from '../../db/repositories/partners-repository.ts';
import { PARTNER_KINDS } from '../../domain/people.ts';

export const partnerSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(PARTNER_KINDS),
    siret: z.string().nullable(),
    communeCode: z.string().nullable(),
    address: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    isActive: z.boolean(),
    createdAt: z.iso.datetime(),
    deactivatedAt: z.iso.datetime().nullable(),
  })
  .meta({
    id: 'Partner',
    example: {
      id: '0b7e5c1a-2f44-4b0e-8d0e-6a3c2b1f9e20',
      name: 'Positive Planet France',
      kind: 'business_support',
      siret: '43866452700053',
      communeCode: '13203',
      address: '12 rue de la République, 13003 Marseille',
      email: 'marseille@positiveplanet.example',
      phone: '04 91 00 00 00',
      isActive: true,
      createdAt: '2025-01-15T09:30:00.000Z',
      deactivatedAt: null,
    },
  });

export type PresentedPartner = z.infer<typeof partnerSchema>;

/** A partner organisation as staff, or its own referrers, see it. */
export function presentPartner(partner: PartnerRow): PresentedPartner {
  return {
    id: partner.id,
    name: partner.name,
    kind: partner.kind,
    siret: partner.siret,
    communeCode: partner.communeCode,
    address: partner.address,
    email: partner.email,
    phone: partner.phone,
    isActive: partner.isActive,
    createdAt: partner.createdAt.toISOString(),
    deactivatedAt: partner.deactivatedAt?.toISOString() ?? null,
  };
}
