import type { Command } from 'commander';
import { pino } from 'pino';
import { describeDatabase, describeMail, loadConfig } from '../../config/config.ts';
import { withLastingSecret } from '../../config/local-secret.ts';
import { openDatabase } from '../../db/client.ts';
import { buildApp } from '../../http/app.ts';
import { createJobWorker } from '../../jobs/start-job-worker.ts';
import { prepareDatabase } from '../../services/setup/prepare-database.ts';
import { isHubEmpty } from '../../services/stats/is-hub-empty.ts';

/** How long in-flight requests get to finish after SIGTERM before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * `tandem serve`: migrates the database, then serves the API (and the web app once it is
 * built) until SIGINT or SIGTERM, when it stops accepting connections, lets in-flight
 * requests finish and closes the database.
 */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the hub over HTTP (PORT, default 3000) on the configured database')
    .action(async () => {
      const loaded = loadConfig();
      const logger = pino({ level: loaded.logLevel, base: { service: 'tandem' } });
      const database = await openDatabase(loaded.database);
      const config = withLastingSecret(loaded);
      const started = Date.now();
      await prepareDatabase(database);
      logger.info(
        { database: describeDatabase(config.database), ms: Date.now() - started },
        'database ready',
      );
      if (await isHubEmpty(database.db)) {
        logger.info(
          'the hub is empty: stop the server and run `npx tandem demo` to load a demo Marseille hub',
        );
      }
      if (config.isSecretEphemeral) {
        logger.warn('TANDEM_SECRET is not set: using a random secret for this run only');
      }
      const app = await buildApp({
        database,
        logger,
        publicUrl: config.publicUrl,
        secret: config.secret,
      });
      // PGlite is one process: its jobs can only run here. With PostgreSQL, WORKER_IN_SERVER=false
      // leaves them to separate `tandem worker` processes.
      const worker = config.worker.runsInServer
        ? createJobWorker({ db: database.db, config, logger })
        : undefined;
      if (!worker && database.engine === 'pglite') {
        logger.warn('WORKER_IN_SERVER=false on PGlite: no e-mail is sent while the server runs');
      }
      if (!config.mail.smtpUrl && config.environment === 'production') {
        logger.warn('SMTP_URL is not set: e-mails go to the outbox that staff read in the app');
      }

      let stopping = false;
      const stop = (signal: NodeJS.Signals) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'shutting down');
        const timer = setTimeout(() => {
          logger.error('shutdown took too long, exiting');
          process.exit(1);
        }, SHUTDOWN_GRACE_MS);
        timer.unref();
        app
          .close()
          .then(() => worker?.close())
          .then(() => database.close())
          .then(() => logger.info('stopped'))
          .catch((error: unknown) => {
            logger.error({ err: error }, 'error while shutting down');
            process.exitCode = 1;
          });
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);

      try {
        await app.listen({ host: config.host, port: config.port });
      } catch (error) {
        await database.close();
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') {
          throw new Error(`port ${config.port} is already in use; set PORT to another port`);
        }
        throw error;
      }
      worker?.start();
      logger.info(
        { mail: describeMail(config.mail), worker: worker ? 'in this process' : 'separate' },
        `Tandem is serving on ${config.publicUrl}`,
      );
    });
}
