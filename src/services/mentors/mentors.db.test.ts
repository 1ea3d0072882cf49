import { failureCode } from '../../../test/support/errors.ts';
import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../test/support/clock.ts';
import {
  createMentee,
  createMentor,
  createProgram,
  createTandem,
  createUser,
  defaultProgramId,
} from '../../../test/support/factories.ts';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import {
  auditLog,
  jobs,
  mentorProfiles,
  programMentors,
  tandems,
  users,
} from '../../db/schema/index.ts';
import { ANONYMOUS, type Actor } from '../../domain/auth.ts';
import { isAppError } from '../../domain/errors.ts';
import { CHARTER_VERSION } from '../../domain/mentor-lifecycle.ts';
import type { Role } from '../../domain/people.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { applyAsMentor, type MentorApplication } from './apply-as-mentor.ts';
import { approveMentor } from './approve-mentor.ts';
import { getMentor } from './get-mentor.ts';
import { getOwnMentorProfile } from './get-own-mentor-profile.ts';
import { pauseMentor } from './pause-mentor.ts';
import { rejectMentor } from './reject-mentor.ts';
import { resumeMentor } from './resume-mentor.ts';
import { searchMentors } from './search-mentors.ts';
import { signMentorCharter } from './sign-mentor-charter.ts';
import { updateOwnMentorProfile } from './update-own-mentor-profile.ts';
import { withdrawMentor } from './withdraw-mentor.ts';

let handle: DatabaseHandle;
// 25 November 2026, 10:00 in Marseille.
const clock = manualClock();
let context: ServiceContext;
const anonymous: RequestOrigin = { actor: ANONYMOUS, ipAddress: '203.0.113.7', userAgent: 'test' };

beforeAll(async () => {
  handle = await createTestDatabase();
  context = { db: handle.db, clock, publicUrl: 'https://hub.example.test' };
});
afterAll(async () => handle.close());

const as = (userId: string, role: Role): RequestOrigin => ({
  actor: { kind: 'user', userId, role, partnerId: null } satisfies Actor,
  ipAddress: '198.51.100.4',
});

async function staff(role: 'coordinator' | 'admin' = 'coordinator'): Promise<RequestOrigin> {
  const user = await createUser(handle.db, { role });
  return as(user.id, role);
}

function application(overrides: Partial<MentorApplication> = {}): MentorApplication {
  return {
    firstName: 'Nadia',
    lastName: 'Haddad',
    email: `nadia.${randomUUID()}@example.test`,
    kind: 'executive',
    jobTitle: 'Directrice commerciale',
    employer: 'Société Méditerranée',
    occupationCode: 'D1406',
    sectorCode: '46.90Z',
    yearsOfExperience: 15,
    expertise: ['sales', 'network'],
    tracks: ['job_search'],
    languages: ['fr', 'en'],
    communeCode: '13201',
    availability: ['mon_eve', 'thu_pm'],
    mode: 'both',
    capacity: 2,
    bio: 'Vingt ans de vente en PME.',
    ...overrides,
  };
}

async function auditActions(subjectId: string): Promise<string[]> {
  const rows = await handle.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.subjectId, subjectId))
    .orderBy(auditLog.id);
  return rows.map((row) => row.action);
}

async function mentorCount(): Promise<number> {
  return (await handle.db.select().from(mentorProfiles)).length;
}

/** An applicant who has signed the charter, and their own origin. */
async function applicantWithCharter(overrides: Partial<MentorApplication> = {}) {
  const mentor = await applyAsMentor(context, { ...application(overrides), origin: anonymous });
  const self = as(mentor.user.id, 'mentor');
  await signMentorCharter(context, { version: CHARTER_VERSION, origin: self });
  return { id: mentor.user.id, self };
}

describe('applying to mentor', () => {
  it('creates an invited account and an application, e-mails a link, and audits', async () => {
    const sent = application({ email: `  Karim.${randomUUID()}@Example.test ` });
    const mentor = await applyAsMentor(context, {
      ...sent,
      expertise: ['sales', 'sales', 'legal'],
      origin: anonymous,
    });
    expect(mentor.user).toMatchObject({ role: 'mentor', status: 'invited', partnerId: null });
    expect(mentor.user.email).toBe(sent.email.trim());
    expect(mentor.profile).toMatchObject({
      status: 'applied',
      capacity: 2,
      sectorCode: '46.90Z',
      communeCode: '13201',
      expertise: ['sales', 'legal'],
      languages: ['fr', 'en'],
      activeTandemCount: 0,
    });
    expect(mentor.profile.appliedAt).toEqual(clock.now());
    const [job] = await handle.db
      .select()
      .from(jobs)
      .where(eq(jobs.name, 'send_email'))
      .orderBy(desc(jobs.id))
      .limit(1);
    expect(job!.payload).toMatchObject({
      template: 'mentor_application_received',
      to: mentor.user.email,
      params: { firstName: 'Nadia' },
    });
    expect((job!.payload as { params: { link: string } }).params.link).toMatch(
      /^https:\/\/hub\.example\.test\/connexion#jeton=[A-Za-z0-9_-]{43}$/,
    );
    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, mentor.user.id), eq(auditLog.action, 'mentor.apply')));
    expect(audit).toMatchObject({ actorId: null, ipAddress: '203.0.113.7' });
  });

  it('answers email_taken for an address in use, whatever its case, and writes nothing', async () => {
    const existing = await createUser(handle.db, { role: 'mentee' });
    const before = await mentorCount();
    expect(
      await failureCode(
        applyAsMentor(context, {
          ...application({ email: existing.email!.toUpperCase() }),
          origin: anonymous,
        }),
      ),
    ).toBe('email_taken');
    expect(await mentorCount()).toBe(before);
  });

  it('refuses unknown NAF and commune codes with their own codes', async () => {
    const before = await mentorCount();
    expect(
      await failureCode(
        applyAsMentor(context, { ...application({ sectorCode: '99.99Z' }), origin: anonymous }),
      ),
    ).toBe('sector_unknown');
    expect(
      await failureCode(
        applyAsMentor(context, { ...application({ communeCode: '13999' }), origin: anonymous }),
      ),
    ).toBe('commune_unknown');
    expect(
      await failureCode(
        applyAsMentor(context, { ...application({ capacity: 4 }), origin: anonymous }),
      ),
    ).toBe('validation_failed');
    expect(await mentorCount()).toBe(before);
  });
});

describe('charter and vetting', () => {
  it('signs the current charter once, then lets staff approve', async () => {
    const applied = await applyAsMentor(context, { ...application(), origin: anonymous });
    const self = as(applied.user.id, 'mentor');
    const coordinator = await staff();

    expect(
      await failureCode(approveMentor(context, { mentorId: applied.user.id, origin: coordinator })),
    ).toBe('invalid_transition');
    expect(
      await failureCode(signMentorCharter(context, { version: '2019-01', origin: self })),
    ).toBe('validation_failed');

    const signed = await signMentorCharter(context, { version: CHARTER_VERSION, origin: self });
    expect(signed.profile).toMatchObject({
      status: 'charter_signed',
      charterVersion: CHARTER_VERSION,
      charterSignedAt: clock.now(),
    });
    expect(
      await failureCode(signMentorCharter(context, { version: CHARTER_VERSION, origin: self })),
    ).toBe('invalid_transition');

    const approved = await approveMentor(context, {
      mentorId: applied.user.id,
      origin: coordinator,
    });
    expect(approved.profile).toMatchObject({
      status: 'active',
      vettedAt: clock.now(),
      vettedBy: (coordinator.actor as { userId: string }).userId,
    });
    expect(await auditActions(applied.user.id)).toEqual([
      'mentor.apply',
      'mentor.sign_charter',
      'mentor.approve',
    ]);
    const emails = await handle.db.select().from(jobs).where(eq(jobs.name, 'send_email'));
    expect(
      emails.some(
        (job) =>
          (job.payload as { template: string; to: string }).template === 'mentor_approved' &&
          (job.payload as { to: string }).to === applied.user.email,
      ),
    ).toBe(true);
  });

  it('lets one of two concurrent decisions through and answers the other invalid_transition', async () => {
    const { id } = await applicantWithCharter();
    const results = await Promise.allSettled([
      approveMentor(context, { mentorId: id, origin: await staff() }),
      rejectMentor(context, { mentorId: id, reason: 'Doublon', origin: await staff() }),
    ]);
    const fulfilled = results.filter((result) => result.status === 'fulfilled');
    const rejected = results.filter((result) => result.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(isAppError(rejected[0]!.reason, 'invalid_transition')).toBe(true);
    const decisions = (await auditActions(id)).filter(
      (action) => action === 'mentor.approve' || action === 'mentor.reject',
    );
    expect(decisions).toHaveLength(1);
  });

  it('lets only mentors sign and only staff approve or reject', async () => {
    const { id } = await applicantWithCharter();
    const referrer = as(randomUUID(), 'referrer');
    const otherMentor = as(randomUUID(), 'mentor');
    expect(await failureCode(approveMentor(context, { mentorId: id, origin: otherMentor }))).toBe(
      'forbidden',
    );
    expect(
      await failureCode(rejectMentor(context, { mentorId: id, reason: 'x', origin: referrer })),
    ).toBe('forbidden');
    expect(
      await failureCode(
        signMentorCharter(context, { version: CHARTER_VERSION, origin: await staff() }),
      ),
    ).toBe('forbidden');
    expect(
      await failureCode(approveMentor(context, { mentorId: randomUUID(), origin: await staff() })),
    ).toBe('not_found');
  });

  it('rejects with a required reason, before or after the charter, and never an active mentor', async () => {
    const coordinator = await staff();
    const applied = await applyAsMentor(context, { ...application(), origin: anonymous });
    expect(
      await failureCode(
        rejectMentor(context, { mentorId: applied.user.id, reason: '  ', origin: coordinator }),
      ),
    ).toBe('validation_failed');
    const rejected = await rejectMentor(context, {
      mentorId: applied.user.id,
      reason: ' Aucune expérience en lien avec les parcours. ',
      origin: coordinator,
    });
    expect(rejected.profile).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Aucune expérience en lien avec les parcours.',
      vettedAt: clock.now(),
    });
    expect(
      await failureCode(
        signMentorCharter(context, {
          version: CHARTER_VERSION,
          origin: as(applied.user.id, 'mentor'),
        }),
      ),
    ).toBe('invalid_transition');

    const { id } = await applicantWithCharter();
    expect(
      (await rejectMentor(context, { mentorId: id, reason: 'Doublon', origin: coordinator }))
        .profile.status,
    ).toBe('rejected');

    const active = await createMentor(handle.db);
    expect(
      await failureCode(
        rejectMentor(context, {
          mentorId: active.user.id,
          reason: 'Trop tard',
          origin: coordinator,
        }),
      ),
    ).toBe('invalid_transition');
  });
});

describe('pause, resume and withdrawal', () => {
  it('pauses until a future date, resumes, and withdraws keeping current tandems', async () => {
    const mentor = await createMentor(handle.db, { capacity: 2 });
    const mentee = await createMentee(handle.db);
    const tandem = await createTandem(handle.db, {
      menteeId: mentee.user.id,
      mentorId: mentor.user.id,
      programId: await defaultProgramId(handle.db),
      status: 'active',
    });
    const self = as(mentor.user.id, 'mentor');

    for (const until of ['2026-11-25', '2026-11-01', '2028-01-01']) {
      expect(
        await failureCode(pauseMentor(context, { mentorId: mentor.user.id, until, origin: self })),
        until,
      ).toBe('validation_failed');
    }
    const paused = await pauseMentor(context, {
      mentorId: mentor.user.id,
      until: '2026-11-26',
      origin: self,
    });
    expect(paused.profile).toMatchObject({ status: 'paused', pausedUntil: '2026-11-26' });
    expect(
      await failureCode(
        pauseMentor(context, { mentorId: mentor.user.id, until: '2027-01-10', origin: self }),
      ),
    ).toBe('invalid_transition');

    const resumed = await resumeMentor(context, { mentorId: mentor.user.id, origin: self });
    expect(resumed.profile).toMatchObject({ status: 'active', pausedUntil: null });

    const withdrawn = await withdrawMentor(context, {
      mentorId: mentor.user.id,
      reason: ' Je déménage. ',
      origin: self,
    });
    expect(withdrawn.profile).toMatchObject({
      status: 'withdrawn',
      withdrawalReason: 'Je déménage.',
      withdrawnAt: clock.now(),
      activeTandemCount: 1,
    });
    const [kept] = await handle.db.select().from(tandems).where(eq(tandems.id, tandem.id));
    expect(kept!.status).toBe('active');
    expect(
      await failureCode(resumeMentor(context, { mentorId: mentor.user.id, origin: self })),
    ).toBe('invalid_transition');
    expect(await auditActions(mentor.user.id)).toEqual([
      'mentor.pause',
      'mentor.resume',
      'mentor.withdraw',
    ]);
  });

  it('lets staff act for a mentor, and a mentor only for themself', async () => {
    const mentor = await createMentor(handle.db);
    const other = await createMentor(handle.db);
    expect(
      await failureCode(
        pauseMentor(context, {
          mentorId: mentor.user.id,
          until: '2027-01-10',
          origin: as(other.user.id, 'mentor'),
        }),
      ),
    ).toBe('forbidden');
    expect(
      await failureCode(
        withdrawMentor(context, { mentorId: mentor.user.id, origin: as(randomUUID(), 'mentee') }),
      ),
    ).toBe('forbidden');
    const coordinator = await staff();
    const paused = await pauseMentor(context, {
      mentorId: mentor.user.id,
      until: '2027-01-10',
      origin: coordinator,
    });
    expect(paused.profile.status).toBe('paused');
    const withdrawn = await withdrawMentor(context, {
      mentorId: mentor.user.id,
      origin: coordinator,
    });
    expect(withdrawn.profile).toMatchObject({
      status: 'withdrawn',
      withdrawalReason: null,
      pausedUntil: null,
    });
  });

  it('takes today in the hub’s time zone', async () => {
    const mentor = await createMentor(handle.db);
    const late = manualClock(new Date('2026-11-25T23:30:00Z')); // already 26 November in Paris
    expect(
      await failureCode(
        pauseMentor(
          { ...context, clock: late },
          { mentorId: mentor.user.id, until: '2026-11-26', origin: as(mentor.user.id, 'mentor') },
        ),
      ),
    ).toBe('validation_failed');
  });
});

describe('the mentor’s own profile', () => {
  it('reads and edits it, audited with the names of the changed fields', async () => {
    const mentor = await createMentor(handle.db, { capacity: 1 });
    const self = as(mentor.user.id, 'mentor');
    expect((await getOwnMentorProfile(context, { origin: self })).user.id).toBe(mentor.user.id);
    const updated = await updateOwnMentorProfile(context, {
      firstName: ' Léa ',
      capacity: 4,
      communeCode: '13055',
      employer: '',
      tracks: ['business_creation', 'business_creation'],
      origin: self,
    });
    expect(updated.user.firstName).toBe('Léa');
    expect(updated.profile).toMatchObject({
      capacity: 4,
      communeCode: '13055',
      employer: null,
      tracks: ['business_creation'],
      status: 'active',
    });
    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.subjectId, mentor.user.id), eq(auditLog.action, 'mentor.update_profile')),
      );
    expect((audit!.details as { fields: string[] }).fields.sort()).toEqual(
      ['capacity', 'communeCode', 'employer', 'firstName', 'tracks'].sort(),
    );
  });

  it('refuses a capacity below the tandems in progress, and unknown codes', async () => {
    const mentor = await createMentor(handle.db, { capacity: 2 });
    const programId = await defaultProgramId(handle.db);
    for (let index = 0; index < 2; index += 1) {
      const mentee = await createMentee(handle.db);
      await createTandem(handle.db, {
        menteeId: mentee.user.id,
        mentorId: mentor.user.id,
        programId,
        status: 'active',
      });
    }
    const self = as(mentor.user.id, 'mentor');
    expect(await failureCode(updateOwnMentorProfile(context, { capacity: 1, origin: self }))).toBe(
      'capacity_below_current_tandems',
    );
    expect(
      await failureCode(updateOwnMentorProfile(context, { sectorCode: '00.00Z', origin: self })),
    ).toBe('sector_unknown');
    expect(await failureCode(updateOwnMentorProfile(context, { capacity: 11, origin: self }))).toBe(
      'validation_failed',
    );
    const [row] = await handle.db
      .select()
      .from(mentorProfiles)
      .where(eq(mentorProfiles.userId, mentor.user.id));
    expect(row!.capacity).toBe(2);
    expect(await auditActions(mentor.user.id)).toEqual([]);
  });

  it('is for mentors only, and not found without a profile', async () => {
    expect(
      await failureCode(getOwnMentorProfile(context, { origin: as(randomUUID(), 'mentee') })),
    ).toBe('forbidden');
    const bare = await createUser(handle.db, { role: 'mentor' });
    expect(await failureCode(getOwnMentorProfile(context, { origin: as(bare.id, 'mentor') }))).toBe(
      'not_found',
    );
  });
});

describe('staff reads and search', () => {
  it('audits every staff read of a mentor’s file, and refuses others', async () => {
    const mentor = await createMentor(handle.db);
    const coordinator = await staff();
    const record = await getMentor(context, { mentorId: mentor.user.id, origin: coordinator });
    expect(record.user.id).toBe(mentor.user.id);
    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, mentor.user.id), eq(auditLog.action, 'mentor.read')));
    expect(audit).toMatchObject({ actorRole: 'coordinator', ipAddress: '198.51.100.4' });
    for (const role of ['referrer', 'mentee', 'mentor'] as const) {
      expect(
        await failureCode(
          getMentor(context, { mentorId: mentor.user.id, origin: as(randomUUID(), role) }),
        ),
      ).toBe('forbidden');
      expect(
        await failureCode(
          searchMentors(context, {
            filters: {},
            page: 1,
            pageSize: 10,
            origin: as(randomUUID(), role),
          }),
        ),
      ).toBe('forbidden');
    }
    expect(
      await failureCode(getMentor(context, { mentorId: randomUUID(), origin: coordinator })),
    ).toBe('not_found');
  });

  it('filters by status, kind, sector, commune, expertise, track, programme, capacity and words', async () => {
    const employer = `Employeur ${randomUUID()}`;
    const make = (profile: Parameters<typeof createMentor>[1]) =>
      createMentor(handle.db, { employer, ...profile });
    const software = await make({
      sectorCode: '62.01Z',
      communeCode: '13206',
      expertise: ['digital'],
      tracks: ['business_creation'],
      kind: 'entrepreneur',
      capacity: 2,
    });
    const retail = await make({
      sectorCode: '47.11A',
      communeCode: '13201',
      expertise: ['sales'],
      tracks: ['job_search'],
      kind: 'retired',
      status: 'paused',
      capacity: 1,
    });
    const mentee = await createMentee(handle.db);
    await createTandem(handle.db, {
      menteeId: mentee.user.id,
      mentorId: retail.user.id,
      programId: await defaultProgramId(handle.db),
      status: 'active',
    });
    const program = await createProgram(handle.db);
    await handle.db
      .insert(programMentors)
      .values({ programId: program.id, mentorId: software.user.id });
    const coordinator = await staff();

    const ids = async (filters: Parameters<typeof searchMentors>[1]['filters']) => {
      const result = await searchMentors(context, {
        filters: { text: employer.toUpperCase(), ...filters },
        page: 1,
        pageSize: 100,
        origin: coordinator,
      });
      expect(result.total).toBe(result.items.length);
      return result.items.map((item) => item.user.id).sort();
    };
    const both = [software.user.id, retail.user.id].sort();
    expect(await ids({})).toEqual(both);
    expect(await ids({ status: 'paused' })).toEqual([retail.user.id]);
    expect(await ids({ kind: 'entrepreneur' })).toEqual([software.user.id]);
    expect(await ids({ sectorPrefix: '62' })).toEqual([software.user.id]);
    expect(await ids({ sectorPrefix: '62.01Z' })).toEqual([software.user.id]);
    expect(await ids({ sectorPrefix: 'J' })).toEqual([software.user.id]);
    expect(await ids({ sectorPrefix: 'G' })).toEqual([retail.user.id]);
    expect(await ids({ communeCode: '13055' })).toEqual(both);
    expect(await ids({ communeCode: '13206' })).toEqual([software.user.id]);
    expect(await ids({ expertise: 'sales' })).toEqual([retail.user.id]);
    expect(await ids({ track: 'business_creation' })).toEqual([software.user.id]);
    expect(await ids({ programId: program.id })).toEqual([software.user.id]);
    expect(await ids({ hasFreeCapacity: true })).toEqual([software.user.id]);
    expect(await ids({ hasFreeCapacity: false })).toEqual([retail.user.id]);
    expect(await ids({ text: '100%_' })).toEqual([]);

    const page = await searchMentors(context, {
      filters: { text: employer },
      page: 2,
      pageSize: 1,
      origin: coordinator,
    });
    expect(page.total).toBe(2);
    expect(page.items).toHaveLength(1);
    const detail = await getMentor(context, { mentorId: software.user.id, origin: coordinator });
    expect(detail.dedicatedProgramIds).toEqual([program.id]);
  });

  it('leaves erased people out of the list', async () => {
    const employer = `Employeur ${randomUUID()}`;
    const mentor = await createMentor(handle.db, { employer });
    await handle.db
      .update(users)
      .set({ erasedAt: clock.now() })
      .where(eq(users.id, mentor.user.id));
    const result = await searchMentors(context, {
      filters: { text: employer },
      page: 1,
      pageSize: 10,
      origin: await staff('admin'),
    });
    expect(result.total).toBe(0);
  });
});
