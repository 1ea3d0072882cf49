import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { ZodType } from 'zod';
import type { DatabaseHandle } from '../db/client.ts';
import { systemClock, type Clock } from '../domain/clock.ts';
import { AppError } from '../domain/errors.ts';
import type { ServiceContext } from '../services/context.ts';
import { PRODUCT_VERSION } from '../version.ts';
import { requireAccessDeclaration, type RouteAccess } from './access.ts';
import { handleError, handleNotFound } from './error-handler.ts';
import { authenticationPlugin } from './plugins/authentication.ts';
import { actionLinkRoutes } from './routes/action-links.ts';
import { alertRoutes } from './routes/alerts.ts';
import { authRoutes } from './routes/auth.ts';
import { checkInRoutes } from './routes/check-ins.ts';
import { healthRoutes } from './routes/health.ts';
import { matchingRoutes } from './routes/matching.ts';
import { menteeRoutes } from './routes/mentees.ts';
import { mentorRoutes } from './routes/mentors.ts';
import { outboxRoutes } from './routes/outbox.ts';
import { partnerRoutes } from './routes/partners.ts';
import { plannedMeetingRoutes } from './routes/planned-meetings.ts';
import { programRoutes } from './routes/programs.ts';
import { tandemRoutes } from './routes/tandems.ts';
import { userRoutes } from './routes/users.ts';

export type AppOptions = {
  database: DatabaseHandle;
  /** Signs cookies and CSRF tokens. */
  secret: string;
  /** The address people use; `https://` turns on `Secure` cookies. */
  publicUrl: string;
  clock?: Clock;
  /** Structured logger (pino); omitted in tests, where the app logs nothing. */
  logger?: FastifyBaseLogger;
};

/** One registered route and who may call it: the table the permission tests walk. */
export type RouteEntry = {
  method: string;
  url: string;
  access: RouteAccess;
  /** The zod schema of the body, when the route takes one. */
  body: ZodType | undefined;
};

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  interface FastifyInstance {
    routeTable: RouteEntry[];
  }
}

/**
 * Builds the HTTP application: security headers, rate limits, sessions and CSRF, schema
 * validation with zod, one error handler, the OpenAPI document at `/openapi.json` with an
 * interactive reference at `/docs`, and every route. Listening is left to the caller, so
 * tests drive the same app through `inject`.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const services: ServiceContext = {
    db: options.database.db,
    clock: options.clock ?? systemClock,
    publicUrl: options.publicUrl,
  };
  const secureCookies = options.publicUrl.startsWith('https://');
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    trustProxy: true,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);

  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    // Routes the documentation plugin adds for itself are public by nature.
    if (route.url.startsWith('/docs')) route.config = { ...route.config, access: 'public' };
    requireAccessDeclaration(route);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routeTable.push({
        method,
        url: route.url,
        access: route.config!.access!,
        body: route.schema?.body as ZodType | undefined,
      });
    }
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
      },
    },
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError('rate_limited'),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tandem API',
        version: PRODUCT_VERSION,
        description:
          'The HTTP API of Tandem, the platform that runs a mentoring hub. Sign in with an e-mail link (`POST /auth/sign-in-link`, then `POST /auth/sign-in`); the session is a cookie, and every write must carry the `x-csrf-token` header from `GET /auth/session`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tandem_session' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  await app.register(authenticationPlugin, { services, secret: options.secret, secureCookies });

  await app.register(healthRoutes({ database: options.database, version: PRODUCT_VERSION }));
  await app.register(authRoutes({ services, secureCookies }));
  await app.register(userRoutes({ services }));
  await app.register(mentorRoutes({ services }));
  await app.register(partnerRoutes({ services }));
  await app.register(programRoutes({ services }));
  // One-click links are signed with a key derived from the app secret.
  const linking = { ...services, linkSecret: options.secret };
  await app.register(matchingRoutes({ services, linking }));
  await app.register(tandemRoutes({ services, linking }));
  await app.register(actionLinkRoutes({ linking }));
  await app.register(alertRoutes({ services }));
  await app.register(plannedMeetingRoutes({ linking }));
  await app.register(checkInRoutes({ services }));
  await app.register(menteeRoutes({ services }));
  await app.register(outboxRoutes({ services }));
  app.get(
    '/openapi.json',
    {
      config: { access: 'public' },
      schema: { tags: ['operations'], summary: 'The OpenAPI 3 document of this API' },
    },
    () => app.swagger(),
  );

  await app.ready();
  return app;
}
