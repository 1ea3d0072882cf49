import type { Executor } from '../../db/client.ts';
import { insertAuditEntry } from '../../db/repositories/audit-repository.ts';
import type { RequestOrigin } from '../context.ts';

export type AuditEvent = {
  action: string;
  subjectType: string;
  subjectId?: string;
  details?: Record<string, unknown>;
};

/** Writes who did what, when and from where — inside the caller's transaction. */
export async function recordAudit(
  db: Executor,
  origin: RequestOrigin,
  at: Date,
  event: AuditEvent,
): Promise<void> {
  const actor = origin.actor.kind === 'user' ? origin.actor : undefined;
  await insertAuditEntry(db, {
    at,
    actorId: actor?.userId ?? null,
    actorRole: actor?.role ?? null,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId ?? null,
    ipAddress: origin.ipAddress ?? null,
    userAgent: origin.userAgent?.slice(0, 500) ?? null,
    details: event.details ?? null,
  });
}
