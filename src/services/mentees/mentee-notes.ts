import { findMenteeFile, type MenteeFile } from '../../db/repositories/mentees-repository.ts';
import {
  findNotesAboutPerson,
  insertNote,
  type NoteRow,
  type NoteVisibility,
} from '../../db/repositories/notes-repository.ts';
import type { Executor } from '../../db/client.ts';
import { AppError } from '../../domain/errors.ts';
import { isInScope, isStaff, partnerScopeOf, type UserActor } from '../../domain/policies.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';

/**
 * Notes on a mentee are for the people who support them: hub staff and the referring
 * partner. `staff` notes stay in the hub, `partner` notes are shared with the partner's
 * referrers, `private` notes are their author's. Mentors and mentees never read any of them.
 */
async function requireNoteReader(
  db: Executor,
  origin: RequestOrigin,
  menteeId: string,
): Promise<{ actor: UserActor; file: MenteeFile }> {
  const scope = partnerScopeOf(origin.actor);
  const actor = origin.actor as UserActor;
  const file = await findMenteeFile(db, menteeId);
  if (!file || file.user.erasedAt || !isInScope(scope, file.profile.partnerId)) {
    throw new AppError('not_found');
  }
  return { actor, file };
}

export type AddMenteeNoteOptions = {
  menteeId: string;
  body: string;
  visibility: NoteVisibility;
  origin: RequestOrigin;
};

/** Adds a note on a mentee; a referrer may write `partner` or `private` notes only. */
export async function addMenteeNote(
  context: ServiceContext,
  options: AddMenteeNoteOptions,
): Promise<NoteRow> {
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    const { actor } = await requireNoteReader(tx, options.origin, options.menteeId);
    if (!isStaff(actor) && options.visibility === 'staff') throw new AppError('forbidden');
    const note = await insertNote(tx, {
      authorId: actor.userId,
      subjectUserId: options.menteeId,
      visibility: options.visibility,
      body: options.body,
      createdAt: now,
    });
    await recordAudit(tx, options.origin, now, {
      action: 'mentee.add_note',
      subjectType: 'user',
      subjectId: options.menteeId,
      details: { noteId: note.id, visibility: note.visibility },
    });
    return note;
  });
}

export type ListMenteeNotesOptions = { menteeId: string; origin: RequestOrigin };

/** The notes on a mentee the reader may see (audited as a read of the person's file). */
export async function listMenteeNotes(context: ServiceContext, options: ListMenteeNotesOptions) {
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    const { actor } = await requireNoteReader(tx, options.origin, options.menteeId);
    const shared: NoteVisibility[] = isStaff(actor) ? ['staff', 'partner'] : ['partner'];
    await recordAudit(tx, options.origin, now, {
      action: 'mentee.read_notes',
      subjectType: 'user',
      subjectId: options.menteeId,
    });
    return findNotesAboutPerson(tx, options.menteeId, actor.userId, shared);
  });
}
