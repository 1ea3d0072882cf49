import type { Database } from '../../src/db/client.ts';
import type { Clock } from '../../src/domain/clock.ts';
import type { LinkingContext } from '../../src/services/tandems/tandem-emails.ts';
import { TEST_SECRET } from './app.ts';

/** What services that e-mail one-click links get in tests: the test database, clock and secret. */
export function linkingContextFor(db: Database, clock: Clock): LinkingContext {
  return { db, clock, publicUrl: 'https://hub.example.test', linkSecret: TEST_SECRET };
}
