import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const emptyAsUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.preprocess(emptyAsUndefined, z.string().default('0.0.0.0')),
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65_535).default(3000)),
  PUBLIC_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
  ),
  DATABASE_POOL_SIZE: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(100).default(10),
  ),
  TANDEM_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./data')),
  LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(LOG_LEVELS).default('info')),
  TANDEM_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -hex 32)').optional(),
  ),
  SMTP_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  ),
  MAIL_FROM: z.preprocess(emptyAsUndefined, z.string().max(300).optional()),
  WORKER_POLL_INTERVAL_MS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(50).max(600_000).default(1000),
  ),
  WORKER_LEASE_SECONDS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(86_400).default(300),
  ),
  WORKER_CONCURRENCY: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(32).default(2),
  ),
  WORKER_IN_SERVER: z.preprocess(
    emptyAsUndefined,
    z.enum(['true', 'false'], { error: 'must be true or false' }).default('true'),
  ),
});

/** Where e-mails go: an SMTP server, or the local outbox when none is configured. */
export type MailConfig = {
  /** The SMTP server's URL (`smtp://user:password@host:587`, `smtps://…:465`); unset: the outbox. */
  smtpUrl: string | undefined;
  /** The sender, e.g. `CCI Marseille <mentorat@cci.example>`. */
  from: string;
};

/** How the worker runs jobs. */
export type WorkerConfig = {
  pollIntervalMs: number;
  /** How long a claimed job stays reserved before another worker may take it over. */
  leaseMs: number;
  concurrency: number;
  /** Whether `tandem serve` also runs the worker (single-process installs, and PGlite). */
  runsInServer: boolean;
};

export type DatabaseConfig =
  { engine: 'pglite'; dataDir: string } | { engine: 'postgres'; url: string; poolSize: number };

/** The whole configuration, parsed once at start-up and passed down explicitly. */
export type Config = {
  environment: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  database: DatabaseConfig;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Signs cookies and CSRF tokens. Random per process in development when unset. */
  secret: string;
  /** Whether the secret was generated because TANDEM_SECRET is unset. */
  isSecretEphemeral: boolean;
  mail: MailConfig;
  worker: WorkerConfig;
};

/** A configuration problem, reported to the operator as one readable line. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses and validates the environment. Throws `ConfigError` naming every bad variable.
 * `cwd` resolves a relative TANDEM_DATA_DIR.
 */
export function loadConfig(
  environment: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`,
    );
    throw new ConfigError(`invalid configuration — ${problems.join('; ')}`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === 'production' && !env.TANDEM_SECRET) {
    throw new ConfigError('invalid configuration — TANDEM_SECRET: required in production');
  }
  const database: DatabaseConfig = env.DATABASE_URL
    ? { engine: 'postgres', url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE }
    : { engine: 'pglite', dataDir: path.resolve(cwd, env.TANDEM_DATA_DIR) };
  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  return {
    environment: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    publicUrl,
    database,
    logLevel: env.LOG_LEVEL,
    secret: env.TANDEM_SECRET ?? randomBytes(32).toString('hex'),
    isSecretEphemeral: !env.TANDEM_SECRET,
    mail: {
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM ?? `Tandem <no-reply@${new URL(publicUrl).hostname}>`,
    },
    worker: {
      pollIntervalMs: env.WORKER_POLL_INTERVAL_MS,
      leaseMs: env.WORKER_LEASE_SECONDS * 1000,
      concurrency: env.WORKER_CONCURRENCY,
      runsInServer: env.WORKER_IN_SERVER === 'true',
    },
  };
}

/** The SMTP URL without its password, for messages and logs. */
export function describeMail(mail: MailConfig): string {
  if (!mail.smtpUrl) return 'the local outbox (SMTP_URL is not set)';
  const url = new URL(mail.smtpUrl);
  return `SMTP at ${url.protocol}//${url.host}`;
}

/** The database URL without its password, for messages and logs. */
export function describeDatabase(database: DatabaseConfig): string {
  if (database.engine === 'pglite') return `PGlite in ${database.dataDir}`;
  try {
    const url = new URL(database.url);
    if (url.password) url.password = '***';
    return `PostgreSQL at ${url.host}${url.pathname}`;
  } catch {
    return 'PostgreSQL (unparseable DATABASE_URL)';
  }
}
