import { and, asc, desc, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { notes, users } from '../schema/index.ts';

export type NoteRow = typeof notes.$inferSelect;
export type NoteVisibility = NoteRow['visibility'];

/** Adds a note and returns it. */
export async function insertNote(
  db: Executor,
  values: typeof notes.$inferInsert,
): Promise<NoteRow> {
  const [row] = await db.insert(notes).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/**
 * The notes about a person that a reader may see: the given shared visibilities, plus the
 * reader's own private notes. The filter is in the query, never applied afterwards.
 */
export async function findNotesAboutPerson(
  db: Executor,
  subjectUserId: string,
  readerId: string,
  sharedVisibilities: NoteVisibility[],
) {
  const visible: SQL[] = [and(eq(notes.visibility, 'private'), eq(notes.authorId, readerId))!];
  if (sharedVisibilities.length > 0) visible.push(inArray(notes.visibility, sharedVisibilities));
  return selectNotesWithAuthors(db)
    .where(and(eq(notes.subjectUserId, subjectUserId), or(...visible)))
    .orderBy(asc(notes.createdAt), asc(notes.id));
}

/** The hub's notes on a tandem (staff and partner ones, never private), newest first. */
export async function findStaffNotesOfTandem(db: Executor, tandemId: string) {
  return selectNotesWithAuthors(db)
    .where(and(eq(notes.tandemId, tandemId), inArray(notes.visibility, ['staff', 'partner'])))
    .orderBy(desc(notes.createdAt), desc(notes.id));
}

/** Notes with their author's name and role, the shape every notes listing presents. */
function selectNotesWithAuthors(db: Executor) {
  return db
    .select({
      note: notes,
      authorFirstName: users.firstName,
      authorLastName: users.lastName,
      authorRole: users.role,
    })
    .from(notes)
    .innerJoin(users, eq(users.id, notes.authorId));
}
