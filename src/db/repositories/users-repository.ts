import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { users } from '../schema/index.ts';

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

/** The user with this e-mail address, compared case-insensitively. */
export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`);
  return row;
}

/** The user with this id. */
export async function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

/** Inserts a user and returns it. */
export async function insertUser(db: Executor, values: NewUser): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** Records a successful sign-in; an invited user becomes active on first sign-in. */
export async function recordSignIn(db: Executor, userId: string, at: Date): Promise<void> {
  await db
    .update(users)
    .set({
      lastSignInAt: at,
      status: sql`CASE WHEN ${users.status} = 'invited' THEN 'active'::user_status ELSE ${users.status} END`,
    })
    .where(eq(users.id, userId));
}

/** Stores a password hash (or removes it with null). */
export async function updatePasswordHash(
  db: Executor,
  userId: string,
  passwordHash: string | null,
): Promise<void> {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

/** Sets a user's account status. */
export async function updateUserStatus(
  db: Executor,
  userId: string,
  status: UserRow['status'],
): Promise<void> {
  await db.update(users).set({ status }).where(eq(users.id, userId));
}
