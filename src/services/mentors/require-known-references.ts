import { AppError } from '../../domain/errors.ts';

/**
 * Turns a reference look-up into a clear 400 that names the field: `sector_unknown` for a NAF
 * code, `commune_unknown` for a commune, so a form can point at the right input.
 */
export function requireKnownReferences(found: {
  sectorUnknown: boolean;
  communeUnknown: boolean;
}): void {
  if (found.sectorUnknown) {
    throw new AppError('sector_unknown', undefined, {
      fields: [{ field: 'body/sectorCode', message: 'unknown NAF code' }],
    });
  }
  if (found.communeUnknown) {
    throw new AppError('commune_unknown', undefined, {
      fields: [{ field: 'body/communeCode', message: 'unknown commune code' }],
    });
  }
}
