import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pingDatabase, type DatabaseHandle } from '../../db/client.ts';

const healthSchema = z
  .object({
    status: z.enum(['ok', 'error']),
    version: z.string(),
    uptimeSeconds: z.number(),
    database: z.object({
      engine: z.enum(['pglite', 'postgres']),
      status: z.enum(['ok', 'unreachable']),
    }),
  })
  .meta({
    example: {
      status: 'ok',
      version: '0.1.0',
      uptimeSeconds: 3600,
      database: { engine: 'postgres', status: 'ok' },
    },
  });

/** `GET /health`: whether the server and its database answer (for load balancers and probes). */
export function healthRoutes(options: {
  database: DatabaseHandle;
  version: string;
}): FastifyPluginAsyncZod {
  return (app) => {
    app.get(
      '/health',
      {
        config: { access: 'public' },
        schema: {
          tags: ['operations'],
          summary: 'Health of the server and its database',
          response: { 200: healthSchema, 503: healthSchema },
        },
      },
      async (request, reply) => {
        let reachable = true;
        try {
          await pingDatabase(options.database.db);
        } catch (error) {
          request.log.warn({ err: error }, 'database health check failed');
          reachable = false;
        }
        return reply.status(reachable ? 200 : 503).send({
          status: reachable ? 'ok' : 'error',
          version: options.version,
          uptimeSeconds: Math.round(process.uptime()),
          database: { engine: options.database.engine, status: reachable ? 'ok' : 'unreachable' },
        });
      },
    );
    return Promise.resolve();
  };
}
