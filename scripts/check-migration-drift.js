// Fails when the Drizzle schema and the committed SQL migrations disagree: drizzle-kit
// generates into a scratch copy of the migrations folder, which must come out unchanged.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// drizzle-kit only takes an output folder relative to the working directory.
const scratch = path.join('.cache', `migration-drift-${process.pid}`);
const out = path.join(scratch, 'drizzle');
fs.mkdirSync(scratch, { recursive: true });
fs.cpSync('drizzle', out, { recursive: true });
const list = (folder) => fs.readdirSync(folder, { recursive: true }).map(String).sort();
const output = execFileSync(
  'npx',
  [
    'drizzle-kit',
    'generate',
    '--dialect=postgresql',
    '--casing=snake_case',
    '--schema=src/db/schema/index.ts',
    `--out=${out}`,
  ],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
);
// drizzle-kit exits 0 even when it fails, so require its verdict in the output.
if (!/No schema changes|migration file/.test(output)) {
  console.error(`migrations drift: drizzle-kit did not run as expected:\n${output}`);
  process.exit(1);
}
const before = list('drizzle');
const after = list(out);
fs.rmSync(scratch, { recursive: true, force: true });
const added = after.filter((file) => !before.includes(file));
if (added.length > 0) {
  console.error(
    `migrations drift: the schema has changes with no committed migration (${added.join(', ')}); run npm run db:generate`,
  );
  process.exit(1);
}
console.log('migrations: the schema matches the committed SQL migrations');
