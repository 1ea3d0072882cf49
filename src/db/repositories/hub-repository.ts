import { eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { hubSettings, programs } from '../schema/index.ts';

export type HubSettings = typeof hubSettings.$inferSelect;

/** Creates the hub's settings row unless it exists. */
export async function insertHubSettingsIfMissing(
  db: Executor,
  values: { name: string },
): Promise<void> {
  await db.insert(hubSettings).values({ id: 1, name: values.name }).onConflictDoNothing();
}

/** The hub's settings (the row always exists once the database is prepared). */
export async function findHubSettings(db: Executor): Promise<HubSettings | undefined> {
  const [row] = await db.select().from(hubSettings).where(eq(hubSettings.id, 1));
  return row;
}

/** The id of the hub's general programme, if it has been created. */
export async function findDefaultProgramId(db: Executor): Promise<string | undefined> {
  const [row] = await db
    .select({ id: programs.id })
    .from(programs)
    .where(eq(programs.isDefault, true))
    .limit(1);
  return row?.id;
}

/**
 * The general programme's id is the same in every hub, so data generated for one database
 * (the demo, exports) refers to it identically everywhere.
 */
export const DEFAULT_PROGRAM_ID = '00000000-0000-4000-8000-000000000001';

/** Creates the general programme that holds tandems outside any named programme. */
export async function insertDefaultProgram(db: Executor, name: string): Promise<string> {
  const [row] = await db
    .insert(programs)
    .values({
      id: DEFAULT_PROGRAM_ID,
      name,
      isDefault: true,
      description: 'Le vivier général du hub.',
    })
    .returning({ id: programs.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}
