import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm';
import { containsFolded } from './text-search.ts';
import type { PartnerScope } from '../../domain/policies.ts';
import type { PartnerKind } from '../../domain/people.ts';
import type { Executor } from '../client.ts';
import { partners } from '../schema/index.ts';

export type PartnerRow = typeof partners.$inferSelect;
export type NewPartner = typeof partners.$inferInsert;
/** The fields of a partner that staff may edit. */
export type PartnerChanges = Partial<
  Pick<NewPartner, 'name' | 'kind' | 'siret' | 'communeCode' | 'address' | 'email' | 'phone'>
>;

/** The unique index that keeps partner names distinct, whatever their case. */
export const PARTNER_NAME_UNIQUE = 'partners_name_unique';
/** The foreign key from a partner to the commune reference table. */
export const PARTNER_COMMUNE_FK = 'partners_commune_code_communes_code_fk';

/** Filters and page for `listPartnersInScope`. */
export type PartnerListQuery = {
  scope: PartnerScope;
  /** Part of the name, compared case-insensitively. */
  search?: string | undefined;
  isActive?: boolean | undefined;
  kind?: PartnerKind | undefined;
  limit: number;
  offset: number;
};

/** Escapes LIKE wildcards so that a search for `50%` finds the literal text. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

function scopeCondition(scope: PartnerScope): SQL | undefined {
  return scope.kind === 'partner' ? eq(partners.id, scope.partnerId) : undefined;
}

/** Inserts a partner and returns it. */
export async function insertPartner(db: Executor, values: NewPartner): Promise<PartnerRow> {
  const [row] = await db.insert(partners).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/**
 * The partner with this id, if `scope` may see it: a referrer's scope holds only their own
 * partner, so any other id is simply not found.
 */
export async function findPartnerInScope(
  db: Executor,
  id: string,
  scope: PartnerScope,
): Promise<PartnerRow | undefined> {
  const [row] = await db
    .select()
    .from(partners)
    .where(and(eq(partners.id, id), scopeCondition(scope)));
  return row;
}

/** The partner with this id, locked until the end of the transaction (for edits). */
export async function findPartnerForUpdate(
  db: Executor,
  id: string,
): Promise<PartnerRow | undefined> {
  const [row] = await db.select().from(partners).where(eq(partners.id, id)).for('update');
  return row;
}

/** One page of the partners `scope` may see, by name, and how many match in all. */
export async function listPartnersInScope(
  db: Executor,
  query: PartnerListQuery,
): Promise<{ items: PartnerRow[]; total: number }> {
  const where = and(
    scopeCondition(query.scope),
    query.search ? containsFolded(sql`${partners.name}`, query.search) : undefined,
    query.isActive === undefined ? undefined : eq(partners.isActive, query.isActive),
    query.kind ? eq(partners.kind, query.kind) : undefined,
  );
  const items = await db
    .select()
    .from(partners)
    .where(where)
    .orderBy(asc(sql`lower(${partners.name})`), asc(partners.id))
    .limit(query.limit)
    .offset(query.offset);
  const [counted] = await db.select({ total: count() }).from(partners).where(where);
  return { items, total: counted?.total ?? 0 };
}

/** Applies edits to a partner and returns it. */
export async function updatePartner(
  db: Executor,
  id: string,
  changes: PartnerChanges,
): Promise<PartnerRow | undefined> {
  const [row] = await db.update(partners).set(changes).where(eq(partners.id, id)).returning();
  return row;
}

/** Deactivates (with the moment) or reactivates a partner. */
export async function setPartnerActive(
  db: Executor,
  id: string,
  isActive: boolean,
  at: Date,
): Promise<PartnerRow | undefined> {
  const [row] = await db
    .update(partners)
    .set({ isActive, deactivatedAt: isActive ? null : at })
    .where(eq(partners.id, id))
    .returning();
  return row;
}
