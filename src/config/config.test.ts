import { describe, expect, it } from 'vitest';
import { ConfigError, describeDatabase, describeMail, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to PGlite in ./data on port 3000', () => {
    const config = loadConfig({}, '/srv/tandem');
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ engine: 'pglite', dataDir: '/srv/tandem/data' });
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/tandem' });
    expect(config.database).toEqual({
      engine: 'postgres',
      url: 'postgres://u:p@db:5432/tandem',
      poolSize: 10,
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).database.engine).toBe('pglite');
  });

  it('names every bad variable in one message', () => {
    expect(() =>
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' }),
    ).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    } catch (error) {
      expect(String(error)).toMatch(/PORT/);
      expect(String(error)).toMatch(/DATABASE_URL: must start with postgres/);
    }
  });

  it('requires TANDEM_SECRET in production and generates one in development', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/TANDEM_SECRET: required/);
    expect(() => loadConfig({ TANDEM_SECRET: 'short' })).toThrow(
      /TANDEM_SECRET: must be at least 32/,
    );
    const development = loadConfig({});
    expect(development.isSecretEphemeral).toBe(true);
    expect(development.secret).toHaveLength(64);
    expect(loadConfig({}).secret).not.toBe(development.secret);
  });

  it('never prints a password', () => {
    const text = describeDatabase({
      engine: 'postgres',
      url: 'postgres://u:secret@db/t',
      poolSize: 1,
    });
    expect(text).not.toContain('secret');
    expect(text).toBe('PostgreSQL at db/t');
  });

  it('sends mail to the outbox unless SMTP_URL is set, from an address on the public host', () => {
    const outbox = loadConfig({ PUBLIC_URL: 'https://mentorat.example.org' });
    expect(outbox.mail).toEqual({
      smtpUrl: undefined,
      from: 'Tandem <no-reply@mentorat.example.org>',
    });
    expect(describeMail(outbox.mail)).toMatch(/outbox/);
    const smtp = loadConfig({
      SMTP_URL: 'smtps://hub:s3cret@mail.example.org:465',
      MAIL_FROM: 'CCI <mentorat@cci.example>',
    });
    expect(smtp.mail).toEqual({
      smtpUrl: 'smtps://hub:s3cret@mail.example.org:465',
      from: 'CCI <mentorat@cci.example>',
    });
    expect(describeMail(smtp.mail)).toBe('SMTP at smtps://mail.example.org:465');
  });

  it('refuses an SMTP_URL that is not smtp:// or smtps://', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.org' })).toThrow(
      /SMTP_URL: must be an smtp/,
    );
    expect(() => loadConfig({ SMTP_URL: 'not a url' })).toThrow(/SMTP_URL/);
  });

  it('reads the worker settings, with defaults', () => {
    expect(loadConfig({}).worker).toEqual({
      pollIntervalMs: 1000,
      leaseMs: 300_000,
      concurrency: 2,
      runsInServer: true,
    });
    const worker = loadConfig({
      WORKER_POLL_INTERVAL_MS: '250',
      WORKER_LEASE_SECONDS: '60',
      WORKER_CONCURRENCY: '4',
      WORKER_IN_SERVER: 'false',
    }).worker;
    expect(worker).toEqual({
      pollIntervalMs: 250,
      leaseMs: 60_000,
      concurrency: 4,
      runsInServer: false,
    });
    expect(() => loadConfig({ WORKER_IN_SERVER: 'yes' })).toThrow(/WORKER_IN_SERVER/);
  });
});
