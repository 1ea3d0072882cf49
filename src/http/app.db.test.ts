import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { buildTestApp } from '../../test/support/app.ts';

let database: DatabaseHandle;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

describe('GET /health', () => {
  it('answers ok with the engine when the database answers', async () => {
    const app = await buildTestApp(database);
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ok',
      database: { engine: database.engine, status: 'ok' },
    });
    await app.close();
  });

  it('answers 503 when the database is gone', async () => {
    const doomed = await createTestDatabase();
    const app = await buildTestApp(doomed);
    await doomed.close();
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ status: 'error', database: { status: 'unreachable' } });
    await app.close();
  });
});

describe('errors and documentation', () => {
  it('answers unknown routes with the catalogue shape', async () => {
    const app = await buildTestApp(database);
    const response = await app.inject({ method: 'GET', url: '/no-such-thing' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'not_found', message: 'Élément introuvable.' },
    });
    await app.close();
  });

  it('serves an OpenAPI 3 document that lists every route', async () => {
    const app = await buildTestApp(database);
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toContain('/health');
    await app.close();
  });
});
