import type { Executor } from '../client.ts';
import { auditLog } from '../schema/index.ts';

export type AuditEntry = typeof auditLog.$inferInsert;

/** Appends one entry to the audit log. */
export async function insertAuditEntry(db: Executor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(entry);
}
