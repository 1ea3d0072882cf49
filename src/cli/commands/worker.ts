import type { Command } from 'commander';
import { pino } from 'pino';
import { describeDatabase, describeMail, loadConfig } from '../../config/config.ts';
import { withLastingSecret } from '../../config/local-secret.ts';
import { openDatabase } from '../../db/client.ts';
import { createJobWorker } from '../../jobs/start-job-worker.ts';
import { prepareDatabase } from '../../services/setup/prepare-database.ts';

/**
 * `tandem worker`: runs due jobs (e-mails, recurring jobs) until SIGINT or SIGTERM, then lets
 * the jobs in hand finish. With PostgreSQL, run as many as you like next to the servers. With
 * PGlite, the server already runs the worker; this command runs on the folder only when no
 * server holds it (it says so and stops otherwise). `--once` runs what is due, then exits.
 */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('run due jobs (e-mails, reminders, recurring jobs) until stopped')
    .option('--once', 'run the jobs due now, then exit')
    .action(async (options: { once?: boolean }) => {
      const loaded = loadConfig();
      const logger = pino({ level: loaded.logLevel, base: { service: 'tandem-worker' } });
      const database = await openDatabase(loaded.database);
      const config = withLastingSecret(loaded);
      try {
        await prepareDatabase(database);
      } catch (error) {
        await database.close();
        throw error;
      }
      const worker = createJobWorker({ db: database.db, config, logger });
      logger.info(
        { database: describeDatabase(config.database), mail: describeMail(config.mail) },
        'worker ready',
      );
      if (options.once) {
        try {
          const ran = await worker.drain();
          logger.info({ ran }, 'due jobs done');
        } finally {
          await worker.close();
          await database.close();
        }
        return;
      }
      await new Promise<void>((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          logger.info({ signal }, 'stopping: finishing the jobs in hand');
          resolve();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        worker.start();
      });
      await worker.close();
      await database.close();
      logger.info('stopped');
    });
}
