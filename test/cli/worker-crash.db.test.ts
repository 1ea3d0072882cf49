import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openPglite, openPostgres, type DatabaseHandle } from '../../src/db/client.ts';
import { jobs } from '../../src/db/schema/index.ts';
import { queueEmailTo } from '../../src/services/notifications/queue-email.ts';
import {
  POSTGRES_TEMPLATE_NAME,
  runAdmin,
  uniqueDatabaseName,
  withDatabase,
} from '../support/database-template.ts';
import { startTestSmtpServer, type ReceivedMessage } from '../support/smtp-server.ts';

const cli = fileURLToPath(new URL('../../bin/tandem.js', import.meta.url));
const EMAILS = 30;
/** The worker is killed when this message has arrived, before the server answers it. */
const KILL_AT = 12;

/**
 * A database the `tandem worker` child processes can open by themselves: a PGlite data
 * folder made from the test template, or a PostgreSQL clone of it.
 */
async function createSharedDatabase(): Promise<{
  env: Record<string, string>;
  open(): Promise<DatabaseHandle>;
  dispose(): Promise<void>;
}> {
  if (inject('databaseEngine') === 'pglite') {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-worker-crash-'));
    const dataDir = path.join(folder, 'data');
    const template = new Blob([fs.readFileSync(inject('pgliteTemplatePath'))]);
    await (await openPglite({ dataDir, loadDataDir: template })).close();
    return {
      env: { TANDEM_DATA_DIR: dataDir },
      open: () => openPglite({ dataDir }),
      dispose: () => Promise.resolve(fs.rmSync(folder, { recursive: true, force: true })),
    };
  }
  const serverUrl = inject('postgresUrl');
  const name = uniqueDatabaseName();
  await runAdmin(serverUrl, [`CREATE DATABASE ${name} TEMPLATE ${POSTGRES_TEMPLATE_NAME}`]);
  const url = withDatabase(serverUrl, name);
  return {
    env: { DATABASE_URL: url },
    open: () => openPostgres({ url, poolSize: 2 }),
    dispose: () => runAdmin(serverUrl, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]),
  };
}

function startWorker(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [cli, 'worker'], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr.on('data', (chunk: Buffer) =>
    process.stderr.write(`[worker ${child.pid}] ${chunk.toString('utf8')}`),
  );
  return child;
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: string | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

let shared: Awaited<ReturnType<typeof createSharedDatabase>>;
beforeAll(async () => {
  shared = await createSharedDatabase();
});
afterAll(async () => {
  await shared.dispose();
});

describe('a worker killed in the middle of a batch', () => {
  it('sends every due e-mail exactly once after a restart', async () => {
    const handle = await shared.open();
    const recipients = Array.from({ length: EMAILS }, (_, i) => `person-${i}@example.test`);
    await handle.db.transaction(async (tx) => {
      for (const email of recipients) {
        await queueEmailTo(
          tx,
          { email, locale: 'fr', firstName: 'Alex' },
          'mentor_approved',
          {},
          { runAt: new Date() },
        );
      }
    });
    await handle.close();

    let firstWorker: ChildProcess | undefined;
    let killedMessage: ReceivedMessage | undefined;
    const smtp = await startTestSmtpServer({
      beforeAccept(message, index) {
        if (index !== KILL_AT) return 'accept';
        // The message is in, but no 250 yet: the worker dies before the server took it on.
        killedMessage = message;
        firstWorker!.kill('SIGKILL');
        return 'hold';
      },
    });
    const env = {
      ...shared.env,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Hub <hub@hub.example.test>',
      PUBLIC_URL: 'http://hub.example.test',
      WORKER_CONCURRENCY: '1',
      WORKER_POLL_INTERVAL_MS: '100',
      // The second worker takes the stranded job over once this lease has run out.
      WORKER_LEASE_SECONDS: '2',
    };
    try {
      firstWorker = startWorker(env);
      expect(await exitOf(firstWorker)).toEqual({ code: null, signal: 'SIGKILL' });
      expect(smtp.received).toHaveLength(KILL_AT - 1);
      expect(killedMessage).toBeDefined();

      const secondWorker = startWorker(env);
      const received = await smtp.waitForMessages(EMAILS, 120_000);
      secondWorker.kill('SIGTERM');
      expect(await exitOf(secondWorker)).toEqual({ code: 0, signal: null });

      const perRecipient = new Map<string, number>();
      for (const message of received) {
        perRecipient.set(message.to, (perRecipient.get(message.to) ?? 0) + 1);
      }
      expect([...perRecipient.keys()].sort()).toEqual([...recipients].sort());
      expect([...perRecipient.values()].every((count) => count === 1)).toBe(true);
      expect(received).toHaveLength(EMAILS);
      // The message cut off by the kill came again with the same Message-ID.
      const again = received.find((message) => message.to === killedMessage!.to)!;
      expect(again.mail.messageId).toBe(killedMessage!.mail.messageId);
      expect(new Set(received.map((message) => message.mail.messageId)).size).toBe(EMAILS);
    } finally {
      firstWorker?.kill('SIGKILL');
      await smtp.close();
    }

    const check = await shared.open();
    try {
      const rows = await check.db
        .select()
        .from(jobs)
        .where(eq(jobs.name, 'send_email'))
        .orderBy(asc(jobs.id));
      expect(rows).toHaveLength(EMAILS);
      expect(rows.every((row) => row.status === 'succeeded')).toBe(true);
      const retried = rows.filter((row) => row.attempts === 2);
      expect(retried.map((row) => (row.payload as { to: string }).to)).toEqual([killedMessage!.to]);
    } finally {
      await check.close();
    }
  });
});
