import type { Executor } from '../client.ts';
import { invitations } from '../schema/index.ts';

/** Records who invited whom, as what. */
export async function insertInvitation(
  db: Executor,
  values: typeof invitations.$inferInsert,
): Promise<void> {
  await db.insert(invitations).values(values);
}
