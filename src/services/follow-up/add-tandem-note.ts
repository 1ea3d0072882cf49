import { insertNote, type NoteRow } from '../../db/repositories/notes-repository.ts';
import { findTandem } from '../../db/repositories/tandems-repository.ts';
import { findUserById } from '../../db/repositories/users-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { requireRole } from '../../domain/policies.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';

export type AddTandemNoteOptions = {
  tandemId: string;
  body: string;
  origin: RequestOrigin;
};

/** Who keeps notes on a tandem: the hub's staff. Mentors and mentees never see them. */
const NOTE_KEEPERS = ['admin', 'coordinator'] as const;

/** A coordinator's note on a tandem, seen by hub staff only. */
export async function addTandemNote(
  context: ServiceContext,
  options: AddTandemNoteOptions,
): Promise<{ note: NoteRow; authorFirstName: string; authorLastName: string }> {
  const actor = requireRole(options.origin.actor, NOTE_KEEPERS);
  const body = options.body.trim();
  if (!body) {
    throw new AppError('validation_failed', undefined, {
      fields: [{ field: 'body/body', message: 'must not be empty' }],
    });
  }
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    if (!(await findTandem(tx, options.tandemId))) {
      throw new AppError('not_found', 'Tandem introuvable.');
    }
    const note = await insertNote(tx, {
      authorId: actor.userId,
      visibility: 'staff',
      tandemId: options.tandemId,
      body,
      createdAt: now,
    });
    await recordAudit(tx, options.origin, now, {
      action: 'tandem.note_add',
      subjectType: 'tandem',
      subjectId: options.tandemId,
      details: { noteId: note.id },
    });
    const author = await findUserById(tx, actor.userId);
    return {
      note,
      authorFirstName: author?.firstName ?? '',
      authorLastName: author?.lastName ?? '',
    };
  });
}
