import type { Config } from '../config/config.ts';
import type { Database } from '../db/client.ts';
import { systemClock, type Clock } from '../domain/clock.ts';
import { createMailer } from '../services/notifications/mailer.ts';
import { JOB_DEFINITIONS, RECURRING_JOBS } from './registry.ts';
import { createWorker, type Worker, type WorkerLogger } from './worker.ts';

export type JobWorkerOptions = {
  db: Database;
  config: Pick<Config, 'publicUrl' | 'mail' | 'worker' | 'secret'>;
  clock?: Clock;
  logger?: WorkerLogger;
  workerId?: string;
};

/** The product's worker: every job type, the recurring jobs, and the configured mailer. */
export type JobWorker = Worker & {
  /** Stops the worker (the jobs in hand finish), then closes the SMTP connections. */
  close(): Promise<void>;
};

/** Builds the worker `tandem worker` and `tandem serve` run, from the configuration. */
export function createJobWorker(options: JobWorkerOptions): JobWorker {
  const clock = options.clock ?? systemClock;
  const mailer = createMailer(options.config.mail);
  const worker = createWorker({
    db: options.db,
    clock,
    definitions: JOB_DEFINITIONS,
    recurring: RECURRING_JOBS,
    context: {
      db: options.db,
      clock,
      publicUrl: options.config.publicUrl,
      mailer,
      linkSecret: options.config.secret,
    },
    pollIntervalMs: options.config.worker.pollIntervalMs,
    leaseMs: options.config.worker.leaseMs,
    concurrency: options.config.worker.concurrency,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.workerId ? { workerId: options.workerId } : {}),
  });
  return {
    ...worker,
    async close() {
      await worker.stop();
      mailer.smtp?.close();
    },
  };
}
