import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../../src/db/client.ts';
import type { Clock } from '../../src/domain/clock.ts';
import { buildApp } from '../../src/http/app.ts';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';

/** The real HTTP app over a test database, for `inject`. */
export function buildTestApp(database: DatabaseHandle, clock?: Clock): Promise<FastifyInstance> {
  return buildApp({
    database,
    secret: TEST_SECRET,
    publicUrl: 'http://hub.example.test',
    ...(clock ? { clock } : {}),
  });
}
