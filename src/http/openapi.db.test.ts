import SwaggerParser from '@apidevtools/swagger-parser';
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/support/app.ts';
import { createTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/client.ts';

let database: DatabaseHandle;
let app: FastifyInstance;
let document: { openapi: string; paths: Record<string, Record<string, unknown>> };

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

/** Fastify's `/users/:userId` is OpenAPI's `/users/{userId}`. */
const openApiPath = (url: string) => url.replace(/:([A-Za-z]+)/g, '{$1}');

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3 for an independent validator', async () => {
    expect(document.openapi).toMatch(/^3\.1\./);
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('describes every route the server answers', () => {
    const missing = app.routeTable
      .filter((route) => !route.url.startsWith('/docs'))
      .filter((route) => !document.paths[openApiPath(route.url)]?.[route.method.toLowerCase()])
      .map((route) => `${route.method} ${route.url}`);
    expect(missing).toEqual([]);
  });

  it('gives an example for every request body and every successful response', () => {
    const components =
      (document as { components?: { schemas?: Record<string, unknown> } }).components?.schemas ??
      {};
    /** Whether a schema, or one it references, carries an example. */
    const hasExample = (node: unknown, seen = new Set<string>()): boolean => {
      if (!node || typeof node !== 'object') return false;
      if (Array.isArray(node)) return node.some((item) => hasExample(item, seen));
      const record = node as Record<string, unknown>;
      if (typeof record.$ref === 'string') {
        if (seen.has(record.$ref)) return false;
        seen.add(record.$ref);
        return hasExample(components[record.$ref.split('/').pop()!], seen);
      }
      if ('example' in record || 'examples' in record) return true;
      return Object.values(record).some((value) => hasExample(value, seen));
    };
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const { requestBody, responses = {} } = operation as {
          requestBody?: unknown;
          responses?: Record<string, { content?: unknown }>;
        };
        if (requestBody && !hasExample(requestBody)) missing.push(`${method} ${path} request`);
        for (const [status, response] of Object.entries(responses)) {
          if (status.startsWith('2') && response.content && !hasExample(response)) {
            missing.push(`${method} ${path} ${status}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('matches the committed openapi.json', () => {
    const committed = JSON.parse(
      fs.readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(document, 'openapi.json is stale: run npm run openapi:export').toEqual(committed);
  });
});
