import { failureCode } from '../../../test/support/errors.ts';
import { originOf } from '../../../test/support/origins.ts';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../test/support/clock.ts';
import {
  createCohort as insertTestCohort,
  createMentee,
  createMentor,
  createPartner,
  createProgram as insertTestProgram,
  defaultProgramId,
} from '../../../test/support/factories.ts';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import { auditLog, cohorts, enrolments, programMentors, programs } from '../../db/schema/index.ts';
import { DEFAULT_MATCHING_WEIGHTS } from '../../domain/matching-weights.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { createCohort } from './create-cohort.ts';
import { createProgram } from './create-program.ts';
import { deactivateProgram } from './deactivate-program.ts';
import { dedicateMentor } from './dedicate-mentor.ts';
import { deleteProgram } from './delete-program.ts';
import { editCohort } from './edit-cohort.ts';
import { editProgram } from './edit-program.ts';
import { getProgram } from './get-program.ts';
import { listCohorts } from './list-cohorts.ts';
import { listDedicatedMentors } from './list-dedicated-mentors.ts';
import { listPrograms } from './list-programs.ts';
import { reactivateProgram } from './reactivate-program.ts';
import { removeDedicatedMentor } from './remove-dedicated-mentor.ts';

let handle: DatabaseHandle;
const clock = manualClock();
let context: ServiceContext;
let coordinator: RequestOrigin;

beforeAll(async () => {
  handle = await createTestDatabase();
  context = { db: handle.db, clock, publicUrl: 'https://hub.example.test' };
  coordinator = await originOf(handle.db, 'coordinator');
});
afterAll(async () => handle.close());

async function auditActions(subjectType: string, subjectId: string): Promise<string[]> {
  const rows = await handle.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, subjectType), eq(auditLog.subjectId, subjectId)))
    .orderBy(auditLog.id);
  return rows.map((row) => row.action);
}

describe('programmes', () => {
  it('creates a programme with the hub’s defaults and audits it', async () => {
    const program = await createProgram(context, {
      name: ' Work’Up Massilia ',
      origin: coordinator,
    });
    expect(program).toMatchObject({
      name: 'Work’Up Massilia',
      durationMonths: 6,
      checkInMonths: [1, 3, 6],
      proposalDeadlineDays: 7,
      tracks: [],
      matchingWeights: null,
      restrictToDedicatedMentors: false,
      isActive: true,
      isDefault: false,
    });
    expect(await auditActions('program', program.id)).toEqual(['program.create']);
  });

  it('stores every setting, and edits them, null restoring engine defaults', async () => {
    const partner = await createPartner(handle.db);
    const weights = { ...DEFAULT_MATCHING_WEIGHTS, occupation: 0.4, text: 0 };
    const program = await createProgram(context, {
      name: 'Créateurs du 3e',
      description: 'Pour les créateurs et créatrices du 3e arrondissement.',
      partnerId: partner.id,
      tracks: ['business_creation', 'business_growth'],
      durationMonths: 12,
      checkInMonths: [1, 2, 6, 12],
      proposalDeadlineDays: 10,
      restrictToDedicatedMentors: true,
      matchingWeights: weights,
      minimumScore: 0.35,
      origin: coordinator,
    });
    expect(program).toMatchObject({
      partnerId: partner.id,
      tracks: ['business_creation', 'business_growth'],
      checkInMonths: [1, 2, 6, 12],
      matchingWeights: weights,
      minimumScore: 0.35,
    });
    const edited = await editProgram(context, {
      programId: program.id,
      changes: { matchingWeights: null, minimumScore: null, partnerId: null, durationMonths: 9 },
      origin: coordinator,
    });
    expect(edited).toMatchObject({
      matchingWeights: null,
      minimumScore: null,
      partnerId: null,
      durationMonths: 9,
    });
    expect(await auditActions('program', program.id)).toEqual(['program.create', 'program.edit']);
  });

  it('refuses an unknown partner and a bad check-in schedule', async () => {
    expect(
      await failureCode(
        createProgram(context, {
          name: 'Sans partenaire',
          partnerId: crypto.randomUUID(),
          origin: coordinator,
        }),
      ),
    ).toBe('partner_unknown');
    expect(
      await failureCode(
        createProgram(context, {
          name: 'Dans le désordre',
          checkInMonths: [3, 1],
          origin: coordinator,
        }),
      ),
    ).toBe('validation_failed');
  });

  it('never deactivates, deletes or reserves the general programme', async () => {
    const programId = await defaultProgramId(handle.db);
    const partner = await createPartner(handle.db);
    expect(await failureCode(deactivateProgram(context, { programId, origin: coordinator }))).toBe(
      'default_program_locked',
    );
    expect(await failureCode(deleteProgram(context, { programId, origin: coordinator }))).toBe(
      'default_program_locked',
    );
    expect(
      await failureCode(
        editProgram(context, {
          programId,
          changes: { partnerId: partner.id },
          origin: coordinator,
        }),
      ),
    ).toBe('default_program_locked');
    const [row] = await handle.db.select().from(programs).where(eq(programs.id, programId));
    expect(row).toMatchObject({ isActive: true, partnerId: null });
  });

  it('deactivates and reactivates a programme, idempotently', async () => {
    const program = await insertTestProgram(handle.db);
    expect(
      (await deactivateProgram(context, { programId: program.id, origin: coordinator })).isActive,
    ).toBe(false);
    await deactivateProgram(context, { programId: program.id, origin: coordinator });
    expect(
      (await reactivateProgram(context, { programId: program.id, origin: coordinator })).isActive,
    ).toBe(true);
    expect(await auditActions('program', program.id)).toEqual([
      'program.deactivate',
      'program.reactivate',
    ]);
  });

  it('deletes an unused programme with its cohorts, but not one with enrolments', async () => {
    const unused = await insertTestProgram(handle.db);
    await insertTestCohort(handle.db, { programId: unused.id });
    await deleteProgram(context, { programId: unused.id, origin: coordinator });
    expect(await handle.db.select().from(cohorts).where(eq(cohorts.programId, unused.id))).toEqual(
      [],
    );
    expect(await auditActions('program', unused.id)).toEqual(['program.delete']);

    const used = await insertTestProgram(handle.db);
    const mentee = await createMentee(handle.db);
    await handle.db.insert(enrolments).values({ programId: used.id, menteeId: mentee.user.id });
    expect(
      await failureCode(deleteProgram(context, { programId: used.id, origin: coordinator })),
    ).toBe('program_in_use');
    expect(
      await failureCode(
        deleteProgram(context, { programId: crypto.randomUUID(), origin: coordinator }),
      ),
    ).toBe('not_found');
  });

  it('lets only staff write', async () => {
    const program = await insertTestProgram(handle.db);
    const mentor = await createMentor(handle.db);
    for (const role of ['referrer', 'mentor', 'mentee'] as const) {
      const origin = await originOf(handle.db, role);
      const attempts = [
        () => createProgram(context, { name: 'Refusé', origin }),
        () =>
          editProgram(context, { programId: program.id, changes: { durationMonths: 3 }, origin }),
        () => deactivateProgram(context, { programId: program.id, origin }),
        () => deleteProgram(context, { programId: program.id, origin }),
        () =>
          createCohort(context, {
            programId: program.id,
            name: 'Refusée',
            startsOn: '2026-01-01',
            origin,
          }),
        () => dedicateMentor(context, { programId: program.id, mentorId: mentor.user.id, origin }),
        () =>
          removeDedicatedMentor(context, {
            programId: program.id,
            mentorId: mentor.user.id,
            origin,
          }),
        () => listDedicatedMentors(context, { programId: program.id, origin }),
      ];
      for (const attempt of attempts) expect(await failureCode(attempt())).toBe('forbidden');
    }
    expect(await handle.db.select().from(cohorts).where(eq(cohorts.programId, program.id))).toEqual(
      [],
    );
  });
});

describe('what a referrer sees of programmes', () => {
  it('lists and reads only active programmes open to all partners or reserved for theirs', async () => {
    const mine = await createPartner(handle.db);
    const theirs = await createPartner(handle.db);
    const tag = crypto.randomUUID().slice(0, 8);
    const open = await insertTestProgram(handle.db, { name: `${tag} ouvert` });
    const reserved = await insertTestProgram(handle.db, {
      name: `${tag} réservé`,
      partnerId: mine.id,
    });
    const other = await insertTestProgram(handle.db, {
      name: `${tag} autre`,
      partnerId: theirs.id,
    });
    const inactive = await insertTestProgram(handle.db, { name: `${tag} fermé`, isActive: false });
    const referrer = await originOf(handle.db, 'referrer', mine.id);

    const page = await listPrograms(context, { page: 1, pageSize: 100, origin: referrer });
    const ids = page.items.map((program) => program.id);
    expect(ids).toContain(open.id);
    expect(ids).toContain(reserved.id);
    expect(ids).toContain(await defaultProgramId(handle.db));
    expect(ids).not.toContain(other.id);
    expect(ids).not.toContain(inactive.id);
    const searched = await listPrograms(context, {
      page: 1,
      pageSize: 100,
      search: tag,
      partnerId: theirs.id,
      origin: referrer,
    });
    expect(searched).toMatchObject({ items: [], total: 0 });

    expect((await getProgram(context, { programId: reserved.id, origin: referrer })).id).toBe(
      reserved.id,
    );
    for (const hidden of [other, inactive]) {
      expect(
        await failureCode(getProgram(context, { programId: hidden.id, origin: referrer })),
      ).toBe('not_found');
      expect(
        await failureCode(listCohorts(context, { programId: hidden.id, origin: referrer })),
      ).toBe('not_found');
    }
    const staffPage = await listPrograms(context, {
      page: 1,
      pageSize: 100,
      search: tag,
      origin: coordinator,
    });
    expect(staffPage.total).toBe(4);
    const inactiveOnly = await listPrograms(context, {
      page: 1,
      pageSize: 100,
      search: tag,
      isActive: false,
      origin: coordinator,
    });
    expect(inactiveOnly.items.map((program) => program.id)).toEqual([inactive.id]);
  });

  it('lists the general programme first', async () => {
    const page = await listPrograms(context, { page: 1, pageSize: 1, origin: coordinator });
    expect(page.items[0]?.isDefault).toBe(true);
  });
});

describe('cohorts', () => {
  it('creates, edits and lists cohorts, latest first', async () => {
    const program = await insertTestProgram(handle.db);
    const spring = await createCohort(context, {
      programId: program.id,
      name: ' Printemps 2026 ',
      startsOn: '2026-03-02',
      endsOn: '2026-09-04',
      origin: coordinator,
    });
    expect(spring).toMatchObject({
      name: 'Printemps 2026',
      startsOn: '2026-03-02',
      endsOn: '2026-09-04',
    });
    const autumn = await createCohort(context, {
      programId: program.id,
      name: 'Automne 2026',
      startsOn: '2026-09-07',
      origin: coordinator,
    });
    expect(autumn.endsOn).toBeNull();
    const edited = await editCohort(context, {
      programId: program.id,
      cohortId: autumn.id,
      changes: { endsOn: '2027-03-05' },
      origin: coordinator,
    });
    expect(edited.endsOn).toBe('2027-03-05');
    const referrer = await originOf(handle.db, 'referrer');
    const listed = await listCohorts(context, { programId: program.id, origin: referrer });
    expect(listed.map((cohort) => cohort.id)).toEqual([autumn.id, spring.id]);
    expect(await auditActions('cohort', autumn.id)).toEqual(['cohort.create', 'cohort.edit']);
  });

  it('refuses a duplicate name in the programme, but allows it in another', async () => {
    const program = await insertTestProgram(handle.db);
    const another = await insertTestProgram(handle.db);
    await insertTestCohort(handle.db, { programId: program.id, name: 'Session 1' });
    expect(
      await failureCode(
        createCohort(context, {
          programId: program.id,
          name: 'Session 1',
          startsOn: '2026-01-05',
          origin: coordinator,
        }),
      ),
    ).toBe('cohort_name_taken');
    await createCohort(context, {
      programId: another.id,
      name: 'Session 1',
      startsOn: '2026-01-05',
      origin: coordinator,
    });
    const second = await insertTestCohort(handle.db, { programId: program.id, name: 'Session 2' });
    expect(
      await failureCode(
        editCohort(context, {
          programId: program.id,
          cohortId: second.id,
          changes: { name: 'Session 1' },
          origin: coordinator,
        }),
      ),
    ).toBe('cohort_name_taken');
  });

  it('refuses an end before the start, checking edits against the stored dates', async () => {
    const program = await insertTestProgram(handle.db);
    expect(
      await failureCode(
        createCohort(context, {
          programId: program.id,
          name: 'À l’envers',
          startsOn: '2026-05-01',
          endsOn: '2026-04-30',
          origin: coordinator,
        }),
      ),
    ).toBe('cohort_dates_invalid');
    const cohort = await insertTestCohort(handle.db, {
      programId: program.id,
      startsOn: '2026-01-05',
      endsOn: '2026-06-30',
    });
    expect(
      await failureCode(
        editCohort(context, {
          programId: program.id,
          cohortId: cohort.id,
          changes: { startsOn: '2026-07-01' },
          origin: coordinator,
        }),
      ),
    ).toBe('cohort_dates_invalid');
    const other = await insertTestProgram(handle.db);
    expect(
      await failureCode(
        editCohort(context, {
          programId: other.id,
          cohortId: cohort.id,
          changes: { name: 'Ailleurs' },
          origin: coordinator,
        }),
      ),
    ).toBe('not_found');
    expect(
      await failureCode(
        createCohort(context, {
          programId: crypto.randomUUID(),
          name: 'Nulle part',
          startsOn: '2026-01-05',
          origin: coordinator,
        }),
      ),
    ).toBe('not_found');
  });
});

describe('dedicated mentors', () => {
  it('dedicates mentors, moves one to a cohort, lists and removes them', async () => {
    const program = await insertTestProgram(handle.db);
    const cohort = await insertTestCohort(handle.db, { programId: program.id });
    const first = await createMentor(handle.db);
    const second = await createMentor(handle.db, { status: 'paused' });
    const added = await dedicateMentor(context, {
      programId: program.id,
      mentorId: first.user.id,
      origin: coordinator,
    });
    expect(added).toMatchObject({
      mentorId: first.user.id,
      cohortId: null,
      mentorStatus: 'active',
    });
    await dedicateMentor(context, {
      programId: program.id,
      mentorId: second.user.id,
      cohortId: cohort.id,
      origin: coordinator,
    });
    const moved = await dedicateMentor(context, {
      programId: program.id,
      mentorId: first.user.id,
      cohortId: cohort.id,
      origin: coordinator,
    });
    expect(moved.cohortId).toBe(cohort.id);
    const listed = await listDedicatedMentors(context, {
      programId: program.id,
      origin: coordinator,
    });
    expect(listed.map((mentor) => mentor.mentorId).sort()).toEqual(
      [first.user.id, second.user.id].sort(),
    );
    await removeDedicatedMentor(context, {
      programId: program.id,
      mentorId: first.user.id,
      origin: coordinator,
    });
    expect(
      await failureCode(
        removeDedicatedMentor(context, {
          programId: program.id,
          mentorId: first.user.id,
          origin: coordinator,
        }),
      ),
    ).toBe('not_found');
    const rows = await handle.db
      .select()
      .from(programMentors)
      .where(eq(programMentors.programId, program.id));
    expect(rows.map((row) => row.mentorId)).toEqual([second.user.id]);
    expect(await auditActions('program', program.id)).toEqual([
      'program.mentor_add',
      'program.mentor_add',
      'program.mentor_add',
      'program.mentor_remove',
    ]);
  });

  it('refuses a person without a mentor profile, an unknown person and a foreign cohort', async () => {
    const program = await insertTestProgram(handle.db);
    const mentee = await createMentee(handle.db);
    const mentor = await createMentor(handle.db);
    const foreignCohort = await insertTestCohort(handle.db, {
      programId: (await insertTestProgram(handle.db)).id,
    });
    expect(
      await failureCode(
        dedicateMentor(context, {
          programId: program.id,
          mentorId: mentee.user.id,
          origin: coordinator,
        }),
      ),
    ).toBe('not_a_mentor');
    expect(
      await failureCode(
        dedicateMentor(context, {
          programId: program.id,
          mentorId: crypto.randomUUID(),
          origin: coordinator,
        }),
      ),
    ).toBe('not_found');
    expect(
      await failureCode(
        dedicateMentor(context, {
          programId: program.id,
          mentorId: mentor.user.id,
          cohortId: foreignCohort.id,
          origin: coordinator,
        }),
      ),
    ).toBe('not_found');
    expect(
      await failureCode(
        dedicateMentor(context, {
          programId: crypto.randomUUID(),
          mentorId: mentor.user.id,
          origin: coordinator,
        }),
      ),
    ).toBe('not_found');
    expect(
      await handle.db.select().from(programMentors).where(eq(programMentors.programId, program.id)),
    ).toEqual([]);
  });
});
