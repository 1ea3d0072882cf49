import { z } from 'zod';
import { computeAreaCentroid } from './compute-area-centroid.ts';
import { isFeatureCollection, looksLikeJson, parseJsonDocument } from './read-geojson.ts';
import { invalidReferenceFile, invalidRowError } from './reference-file-error.ts';

/** A commune's position read from a file, and where it was read. */
export type CommuneCoordinates = {
  code: string;
  latitude: number;
  longitude: number;
  location: string;
};

const communeCode = z
  .string()
  .trim()
  .regex(/^(\d{5}|2[AB]\d{3})$/, 'expected an INSEE commune code such as 13055');
const latitude = z
  .number({ error: 'expected a latitude in decimal degrees' })
  .min(-90, 'expected a latitude between -90 and 90')
  .max(90, 'expected a latitude between -90 and 90');
const longitude = z
  .number({ error: 'expected a longitude in decimal degrees' })
  .min(-180, 'expected a longitude between -180 and 180')
  .max(180, 'expected a longitude between -180 and 180');

/** An entry of a list such as `amp_communes.json`: `code`, `lat`, `lon` and anything else. */
const itemSchema = z.object({ code: communeCode, lat: latitude, lon: longitude });

const position = z.array(z.number()).min(2, 'expected [longitude, latitude]');
const ring = z.array(position).min(4, 'expected a closed ring of at least 4 positions');
const geometrySchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('Point'), coordinates: position }),
    z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
    z.object({
      type: z.literal('MultiPolygon'),
      coordinates: z.array(z.array(ring).min(1)).min(1),
    }),
  ],
  { error: 'expected a Point, Polygon or MultiPolygon geometry' },
);
const featureSchema = z.object({
  properties: z.object({ code: communeCode }),
  geometry: geometrySchema,
});

/** Decimal places kept for computed centroids: 10 cm, far below the polygons' precision. */
const CENTROID_DECIMALS = 6;

/**
 * Whether a file looks like commune coordinates (without validating it): a JSON list whose first
 * entry has `code`, `lat` and `lon`, or a FeatureCollection whose first feature has a `code`.
 */
export function isCommuneCoordinatesFile(content: string): boolean {
  if (!looksLikeJson(content)) return false;
  let document: unknown;
  try {
    document = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch {
    return false;
  }
  if (isFeatureCollection(document)) {
    return z.object({ properties: z.object({ code: z.unknown() }) }).safeParse(document.features[0])
      .success;
  }
  const items = Array.isArray(document)
    ? document
    : z.object({ items: z.array(z.unknown()) }).safeParse(document).data?.items;
  return z.object({ code: z.unknown(), lat: z.unknown(), lon: z.unknown() }).safeParse(items?.[0])
    .success;
}

/**
 * Reads commune coordinates from a JSON list of `{ code, lat, lon }` (bare, or under `items`
 * as in `amp_communes.json`) or from a GeoJSON FeatureCollection of communes with a `code`
 * property: a Point is taken as is, a (multi)polygon gives its area-weighted centroid.
 * A code listed twice in one file is an error.
 */
export function parseCommuneCoordinates(file: string, content: string): CommuneCoordinates[] {
  if (!looksLikeJson(content)) {
    throw invalidReferenceFile(
      file,
      'not a coordinates file: expected JSON (a list of { code, lat, lon }) or GeoJSON',
    );
  }
  const document = parseJsonDocument(file, content);
  const entries = isFeatureCollection(document)
    ? readFeatureCoordinates(file, document.features)
    : readItemCoordinates(file, document);
  const seen = new Map<string, string>();
  for (const entry of entries) {
    const first = seen.get(entry.code);
    if (first !== undefined) {
      throw invalidReferenceFile(file, `${entry.code} is listed twice (first at ${first})`, {
        location: entry.location,
        field: 'code',
      });
    }
    seen.set(entry.code, entry.location);
  }
  return entries;
}

function readItemCoordinates(file: string, document: unknown): CommuneCoordinates[] {
  const listed = z
    .union([z.array(z.unknown()), z.object({ items: z.array(z.unknown()) })])
    .safeParse(document);
  if (!listed.success) {
    throw invalidReferenceFile(
      file,
      'expected a list of { code, lat, lon }, an object with such a list under "items", ' +
        'or a GeoJSON FeatureCollection',
    );
  }
  const isBare = Array.isArray(listed.data);
  const items = Array.isArray(listed.data) ? listed.data : listed.data.items;
  return items.map((item, index) => {
    const location = isBare ? `[${index}]` : `items[${index}]`;
    const parsed = itemSchema.safeParse(item);
    if (!parsed.success)
      throw invalidRowError(file, parsed.error.issues, toRecord(item), { location });
    return {
      code: parsed.data.code,
      latitude: parsed.data.lat,
      longitude: parsed.data.lon,
      location,
    };
  });
}

function readFeatureCoordinates(file: string, features: unknown[]): CommuneCoordinates[] {
  return features.map((feature, index) => {
    const location = `features[${index}]`;
    const parsed = featureSchema.safeParse(feature);
    if (!parsed.success) {
      throw invalidRowError(file, parsed.error.issues, toRecord(feature), { location });
    }
    const { geometry, properties } = parsed.data;
    const point =
      geometry.type === 'Point'
        ? { longitude: geometry.coordinates[0] ?? NaN, latitude: geometry.coordinates[1] ?? NaN }
        : computeAreaCentroid(
            geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates,
          );
    if (!point) {
      throw invalidReferenceFile(file, `the polygon of ${properties.code} has no area`, {
        location,
        field: 'geometry',
      });
    }
    const checked = z
      .object({ latitude, longitude })
      .safeParse(geometry.type === 'Point' ? point : roundPoint(point));
    if (!checked.success) {
      throw invalidRowError(file, checked.error.issues, point, { location });
    }
    return { code: properties.code, ...checked.data, location };
  });
}

function roundPoint(point: { longitude: number; latitude: number }) {
  const factor = 10 ** CENTROID_DECIMALS;
  return {
    longitude: Math.round(point.longitude * factor) / factor,
    latitude: Math.round(point.latitude * factor) / factor,
  };
}

function toRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}
