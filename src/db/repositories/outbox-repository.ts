import { count, desc, eq, ilike } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { outboxMessages } from '../schema/index.ts';
import { likePattern } from './partners-repository.ts';

export type OutboxMessageRow = typeof outboxMessages.$inferSelect;
export type NewOutboxMessage = Omit<typeof outboxMessages.$inferInsert, 'id'>;

/**
 * Stores a rendered e-mail in the outbox. The job id is unique: a job that runs again after a
 * crash finds its message already there and adds nothing. Returns whether it was added.
 */
export async function insertOutboxMessage(
  db: Executor,
  message: NewOutboxMessage,
): Promise<boolean> {
  const rows = await db
    .insert(outboxMessages)
    .values(message)
    .onConflictDoNothing({ target: outboxMessages.jobId })
    .returning({ id: outboxMessages.id });
  return rows.length > 0;
}

/** A page of outbox messages, newest first; `to` keeps those whose recipient contains it. */
export async function listOutboxMessages(
  db: Executor,
  options: { to?: string | undefined; limit: number; offset: number },
): Promise<{ items: OutboxMessageRow[]; total: number }> {
  const where = options.to ? ilike(outboxMessages.toAddress, likePattern(options.to)) : undefined;
  const [items, [totals]] = await Promise.all([
    db
      .select()
      .from(outboxMessages)
      .where(where)
      .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
      .limit(options.limit)
      .offset(options.offset),
    db.select({ total: count() }).from(outboxMessages).where(where),
  ]);
  return { items, total: totals?.total ?? 0 };
}

/** One outbox message by id. */
export async function findOutboxMessage(
  db: Executor,
  id: number,
): Promise<OutboxMessageRow | undefined> {
  const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
  return row;
}
