import { AppError } from '../../domain/errors.ts';

/**
 * Turns a reference look-up into a clear 400 that names the field: `sector_unknown` for a NAF
 * code, `commune_unknown` for a commune, so a form can point at the right input.
 */
export function requireKnownReferences(
  found: { sectorUnknown: boolean; communeUnknown: boolean },
  fields: { sector: string; commune: string } = {
    sector: 'body/sectorCode',
    commune: 'body/communeCode',
  },
): void {
  if (found.sectorUnknown) {
    throw new AppError('sector_unknown', undefined, {
      fields: [{ field: fields.sector, message: 'unknown NAF code' }],
    });
  }
  if (found.communeUnknown) {
    throw new AppError('commune_unknown', undefined, {
      fields: [{ field: fields.commune, message: 'unknown commune code' }],
    });
  }
}
