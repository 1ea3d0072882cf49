import { lockAlertInScope, updateAlertStatus } from '../../db/repositories/alerts-repository.ts';
import { insertNote } from '../../db/repositories/notes-repository.ts';
import type { AlertRow } from '../../db/repositories/tandems-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { partnerScopeOf } from '../../domain/policies.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';

export type ResolveAlertOptions = {
  alertId: string;
  /** `acknowledged`: seen, being handled; `resolved`: done, it leaves the inbox. */
  status: 'acknowledged' | 'resolved';
  /** What was done, kept as a note on the tandem (staff notes; a referrer's is shared). */
  note: string;
  origin: RequestOrigin;
};

/**
 * Staff, or the mentee's referrer, acknowledge or resolve an alert with a note. An alert of
 * another partner is `not_found`, like an unknown one; a resolved alert stays resolved. Once
 * resolved, the same cause never raises it again (see `raiseRiskAlert`).
 */
export async function resolveAlert(
  context: ServiceContext,
  options: ResolveAlertOptions,
): Promise<AlertRow> {
  const scope = partnerScopeOf(options.origin.actor);
  const actor = options.origin.actor;
  if (actor.kind !== 'user') throw new AppError('unauthenticated');
  const body = options.note.trim();
  if (!body) {
    throw new AppError('validation_failed', 'Dites en quelques mots ce qui a été fait.', {
      fields: [{ field: 'body/note', message: 'must not be empty' }],
    });
  }
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    const alert = await lockAlertInScope(tx, options.alertId, scope);
    if (!alert) throw new AppError('not_found', 'Alerte introuvable.');
    if (alert.status === 'resolved') throw new AppError('alert_already_resolved');
    const updated = await updateAlertStatus(
      tx,
      alert.id,
      options.status === 'resolved'
        ? {
            status: 'resolved',
            resolvedAt: now,
            resolvedBy: actor.userId,
            acknowledgedAt: alert.acknowledgedAt ?? now,
          }
        : { status: 'acknowledged', acknowledgedAt: now },
    );
    if (alert.tandemId || alert.menteeId) {
      await insertNote(tx, {
        authorId: actor.userId,
        visibility: actor.role === 'referrer' ? 'partner' : 'staff',
        tandemId: alert.tandemId,
        subjectUserId: alert.tandemId ? null : alert.menteeId,
        body,
        createdAt: now,
      });
    }
    await recordAudit(tx, options.origin, now, {
      action: `alert.${options.status === 'resolved' ? 'resolve' : 'acknowledge'}`,
      subjectType: 'alert',
      subjectId: alert.id,
      details: { kind: alert.kind, tandemId: alert.tandemId },
    });
    return updated;
  });
}
