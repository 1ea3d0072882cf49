import type { Config } from '../../src/config/config.ts';
import { TEST_SECRET } from './app.ts';

/** The configuration a test's worker runs with: the given SMTP server, or the outbox. */
export function testWorkerConfig(
  smtpUrl?: string,
): Pick<Config, 'publicUrl' | 'mail' | 'worker' | 'secret'> {
  return {
    publicUrl: 'http://hub.example.test',
    mail: { smtpUrl, from: 'Mentorat CCI <mentorat@hub.example.test>' },
    worker: { pollIntervalMs: 50, leaseMs: 60_000, concurrency: 1, runsInServer: true },
    secret: TEST_SECRET,
  };
}
