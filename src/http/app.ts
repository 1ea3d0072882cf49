import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { DatabaseHandle } from '../db/client.ts';
import { requireAccessDeclaration } from './access.ts';
import { handleError, handleNotFound } from './error-handler.ts';
import { healthRoutes } from './routes/health.ts';
import { PRODUCT_VERSION } from '../version.ts';

export type AppOptions = {
  database: DatabaseHandle;
  /** Structured logger (pino); omitted in tests, where the app logs nothing. */
  logger?: FastifyBaseLogger;
  publicUrl?: string;
};

/**
 * Builds the HTTP application: schema validation with zod, one error handler, the OpenAPI
 * document at `/openapi.json`, and every route. Listening is left to the caller, so tests
 * drive the same app through `inject`.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    trustProxy: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  app.addHook('onRoute', requireAccessDeclaration);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tandem API',
        version: PRODUCT_VERSION,
        description: 'The HTTP API of Tandem, the platform that runs a mentoring hub.',
      },
      servers: options.publicUrl ? [{ url: options.publicUrl }] : [],
    },
    transform: jsonSchemaTransform,
  });

  await app.register(healthRoutes({ database: options.database, version: PRODUCT_VERSION }));
  app.get(
    '/openapi.json',
    {
      config: { access: 'public' },
      schema: { tags: ['operations'], summary: 'The OpenAPI 3 document of this API', hide: true },
    },
    () => app.swagger(),
  );

  await app.ready();
  return app;
}
