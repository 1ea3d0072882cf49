import type { Command } from 'commander';
import { describeDatabase } from '../../config/config.ts';
import { withDatabase } from '../context.ts';

/** `tandem migrate`: applies pending migrations and loads built-in reference data. */
export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply database migrations and load built-in reference data, then exit')
    .action(async () => {
      await withDatabase(async (_handle, config) => {
        console.log(`database is up to date (${describeDatabase(config.database)})`);
        return Promise.resolve();
      });
    });
}
