import fs from 'node:fs';
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/config.ts';
import { DatabaseOpenError } from '../db/client.ts';
import { AppError } from '../domain/errors.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerJobsCommand } from './commands/jobs.ts';
import { registerMatchCommand } from './commands/match.ts';
import { registerMigrateCommand } from './commands/migrate.ts';
import { registerReferenceCommand } from './commands/reference.ts';
import { registerStatsCommand } from './commands/stats.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerWorkerCommand } from './commands/worker.ts';
import { CliError } from './context.ts';

// A local .env fills in variables the environment does not set (Node's own loader).
if (fs.existsSync('.env')) process.loadEnvFile('.env');

const program = new Command()
  .name('tandem')
  .description('Tandem — run a mentoring hub: serve the app, manage data, match, report.')
  .showHelpAfterError()
  .exitOverride();

registerServeCommand(program);
registerWorkerCommand(program);
registerJobsCommand(program);
registerMigrateCommand(program);
registerDemoCommand(program);
registerStatsCommand(program);
registerReferenceCommand(program);
registerMatchCommand(program);

/** Errors an operator can act on are one line; anything else is a bug and keeps its stack. */
function reportFailure(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode;
  if (error instanceof CliError) {
    console.error(`tandem: ${error.message}`);
    return error.exitCode;
  }
  if (error instanceof ConfigError || error instanceof DatabaseOpenError) {
    console.error(`tandem: ${error.message}`);
    return 2;
  }
  if (error instanceof AppError) {
    console.error(`tandem: ${error.message} [${error.code}]`);
    return 1;
  }
  console.error('tandem: unexpected error —', error);
  return 70;
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportFailure(error);
}
