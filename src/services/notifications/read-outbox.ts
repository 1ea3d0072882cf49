import {
  findOutboxMessage,
  listOutboxMessages,
  type OutboxMessageRow,
} from '../../db/repositories/outbox-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { requireRole } from '../../domain/policies.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';

/** Who reads the outbox: hub staff (it holds sign-in links, so never partners or users). */
const OUTBOX_READERS = ['admin', 'coordinator'] as const;

export type OutboxPage = {
  items: OutboxMessageRow[];
  total: number;
  page: number;
  pageSize: number;
};

/** A page of the e-mails kept in the outbox (no SMTP server configured), newest first. */
export async function listOutbox(
  context: ServiceContext,
  options: { page: number; pageSize: number; to?: string | undefined; origin: RequestOrigin },
): Promise<OutboxPage> {
  requireRole(options.origin.actor, OUTBOX_READERS);
  const { items, total } = await listOutboxMessages(context.db, {
    to: options.to,
    limit: options.pageSize,
    offset: (options.page - 1) * options.pageSize,
  });
  return { items, total, page: options.page, pageSize: options.pageSize };
}

/**
 * One e-mail of the outbox, whole. Its body may hold a sign-in link, so each read is audited.
 */
export async function getOutboxMessage(
  context: ServiceContext,
  options: { id: number; origin: RequestOrigin },
): Promise<OutboxMessageRow> {
  requireRole(options.origin.actor, OUTBOX_READERS);
  return context.db.transaction(async (tx) => {
    const message = await findOutboxMessage(tx, options.id);
    if (!message) throw new AppError('not_found');
    await recordAudit(tx, options.origin, context.clock.now(), {
      action: 'outbox.read',
      subjectType: 'outbox_message',
      subjectId: String(message.id),
    });
    return message;
  });
}
