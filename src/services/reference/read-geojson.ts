import { z } from 'zod';
import { invalidReferenceFile } from './reference-file-error.ts';

/** A GeoJSON position: longitude, latitude (RFC 7946 order), maybe an altitude. */
export type Position = readonly number[];

/** Whether a file's text is JSON rather than CSV: JSON documents open with `{` or `[`. */
export function looksLikeJson(content: string): boolean {
  const start = content.replace(/^\uFEFF/, '').trimStart();
  return start.startsWith('{') || start.startsWith('[');
}

/** Parses JSON text, turning a syntax error into a reference-file error naming the file. */
export function parseJsonDocument(file: string, content: string): unknown {
  try {
    return JSON.parse(content.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw invalidReferenceFile(file, `not valid JSON: ${(error as Error).message}`);
  }
}

/** Whether a parsed JSON document is a GeoJSON FeatureCollection. */
export function isFeatureCollection(document: unknown): document is { features: unknown[] } {
  return featureCollectionSchema.safeParse(document).success;
}

const featureCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.unknown()),
});

/** The features of a GeoJSON FeatureCollection, or a reference-file error. */
export function readFeatures(file: string, content: string): unknown[] {
  const document = parseJsonDocument(file, content);
  if (!isFeatureCollection(document)) {
    throw invalidReferenceFile(file, 'not a GeoJSON FeatureCollection');
  }
  return document.features;
}
