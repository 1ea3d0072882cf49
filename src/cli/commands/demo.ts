import type { Command } from 'commander';
import { z } from 'zod';
import { describeDatabase, type DatabaseConfig } from '../../config/config.ts';
import { isAppError } from '../../domain/errors.ts';
import { DEMO_FIGURES } from '../../services/demo/generate-demo-hub.ts';
import { seedDemoHub } from '../../services/demo/seed-demo-hub.ts';
import { CliError, withDatabase } from '../context.ts';

const optionsSchema = z.object({
  asOf: z.iso
    .date({ error: '--as-of must be a date written YYYY-MM-DD' })
    .optional()
    .transform((value) => (value === undefined ? new Date() : new Date(`${value}T00:00:00Z`))),
});

/**
 * `tandem demo`: fills an empty database with a demo Marseille hub, then prints one login
 * per role. Refuses to touch a database that already holds people.
 */
export function registerDemoCommand(program: Command): void {
  const { mentors, mentees, partners, tandems } = DEMO_FIGURES;
  program
    .command('demo')
    .description(
      `fill an empty database with a demo Marseille hub (${mentors} mentors, ${mentees} mentees, ` +
        `${partners} partners, ${tandems} tandems)`,
    )
    .option(
      '--as-of <date>',
      'the demo’s "today", YYYY-MM-DD (default: today, UTC); the same date gives the same data',
    )
    .action(async (rawOptions: unknown) => {
      const parsed = optionsSchema.safeParse(rawOptions);
      if (!parsed.success) {
        throw new CliError(parsed.error.issues.map((issue) => issue.message).join('; '));
      }
      await withDatabase(async (handle, config) => {
        const result = await seedDemoHub(handle.db, { asOf: parsed.data.asOf }).catch(
          (error: unknown) => {
            if (isAppError(error, 'database_not_empty')) {
              throw new CliError(notEmptyMessage(config.database));
            }
            throw error;
          },
        );
        const { stats } = result;
        console.log(
          `Demo hub loaded as of ${result.asOf.toISOString().slice(0, 10)} in ` +
            `${(result.elapsedMs / 1000).toFixed(1)} s (${describeDatabase(config.database)}): ` +
            `${stats.mentors} mentors, ${stats.mentees} mentees, ${stats.partners} partners, ` +
            `${stats.tandems} tandems.`,
        );
        console.log('');
        console.log('Sign in as (sign-in is by e-mail link; the addresses use the reserved');
        console.log('.test domain, so nothing is ever delivered outside your local outbox):');
        console.log('');
        const roleWidth = Math.max(...result.logins.map((login) => login.role.length));
        const emailWidth = Math.max(...result.logins.map((login) => login.email.length));
        for (const login of result.logins) {
          console.log(
            `  ${login.role.padEnd(roleWidth)}  ${login.email.padEnd(emailWidth)}  ` +
              `${login.name} — ${login.description}`,
          );
        }
      });
    });
}

function notEmptyMessage(database: DatabaseConfig): string {
  const where =
    database.engine === 'pglite'
      ? `start from an empty data folder, e.g. TANDEM_DATA_DIR=./data-demo npx tandem demo`
      : 'point DATABASE_URL at a new, empty database and run npx tandem demo again';
  return (
    `the database already holds mentors, mentees or partners (${describeDatabase(database)}); ` +
    `the demo only loads into an empty database: ${where}`
  );
}
