import { defineConfig } from 'vitest/config';

/**
 * Three kinds of tests (see docs/ARCHITECTURE.md): pure `*.test.ts`, database `*.db.test.ts`
 * and browser `e2e/*.spec.ts`. Database tests run once per engine: always on PGlite, and on
 * PostgreSQL too when TEST_DATABASE_URL is set (CI sets it).
 */
const databaseTests = ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'];
const postgresUrl = process.env.TEST_DATABASE_URL;

const databaseProject = (engine: 'pglite' | 'postgres') => ({
  test: {
    name: `db-${engine}`,
    include: databaseTests,
    globalSetup: ['test/support/global-setup.ts'],
    env: { TEST_DATABASE_ENGINE: engine },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: databaseTests,
          testTimeout: 60_000,
        },
      },
      databaseProject('pglite'),
      ...(postgresUrl ? [databaseProject('postgres')] : []),
    ],
  },
});
