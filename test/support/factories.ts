import { randomUUID } from 'node:crypto';
import type { Executor } from '../../src/db/client.ts';
import { findDefaultProgramId } from '../../src/db/repositories/hub-repository.ts';
import {
  cohorts,
  enrolments,
  menteeProfiles,
  mentorProfiles,
  partners,
  programs,
  tandems,
  users,
} from '../../src/db/schema/index.ts';

/**
 * Test data with unique values, so that tests share a database without truncating it.
 * Each factory takes overrides for the fields a test cares about.
 */
let sequence = 0;
const unique = (prefix: string) => `${prefix}-${(sequence += 1)}-${randomUUID().slice(0, 8)}`;

export async function createPartner(
  db: Executor,
  overrides: Partial<typeof partners.$inferInsert> = {},
) {
  const [partner] = await db
    .insert(partners)
    .values({ name: unique('Partenaire'), kind: 'association', ...overrides })
    .returning();
  return partner!;
}

export async function createUser(
  db: Executor,
  values: Partial<typeof users.$inferInsert> & Pick<typeof users.$inferInsert, 'role'>,
) {
  const [user] = await db
    .insert(users)
    .values({
      email: `${unique('user')}@example.test`,
      firstName: 'Camille',
      lastName: unique('Martin'),
      status: 'active',
      ...values,
    })
    .returning();
  return user!;
}

export async function createMentor(
  db: Executor,
  profile: Partial<typeof mentorProfiles.$inferInsert> = {},
) {
  const user = await createUser(db, { role: 'mentor' });
  const [mentor] = await db
    .insert(mentorProfiles)
    .values({ userId: user.id, kind: 'executive', status: 'active', capacity: 1, ...profile })
    .returning();
  return { user, profile: mentor! };
}

export async function createMentee(
  db: Executor,
  profile: Partial<typeof menteeProfiles.$inferInsert> = {},
) {
  const user = await createUser(db, { role: 'mentee' });
  const [mentee] = await db
    .insert(menteeProfiles)
    .values({ userId: user.id, track: 'job_search', status: 'waiting', ...profile })
    .returning();
  return { user, profile: mentee! };
}

export async function createProgram(
  db: Executor,
  overrides: Partial<typeof programs.$inferInsert> = {},
) {
  const [program] = await db
    .insert(programs)
    .values({ name: unique('Programme'), ...overrides })
    .returning();
  return program!;
}

export async function defaultProgramId(db: Executor): Promise<string> {
  const id = await findDefaultProgramId(db);
  if (!id) throw new Error('the test database has no default programme');
  return id;
}

export async function createTandem(
  db: Executor,
  values: Pick<typeof tandems.$inferInsert, 'menteeId' | 'mentorId' | 'programId'> &
    Partial<typeof tandems.$inferInsert>,
) {
  const [tandem] = await db.insert(tandems).values(values).returning();
  return tandem!;
}

export async function createCohort(
  db: Executor,
  values: Pick<typeof cohorts.$inferInsert, 'programId'> & Partial<typeof cohorts.$inferInsert>,
) {
  const [cohort] = await db
    .insert(cohorts)
    .values({ name: unique('Promotion'), startsOn: '2026-01-05', ...values })
    .returning();
  return cohort!;
}

export async function enrolMentee(
  db: Executor,
  values: Pick<typeof enrolments.$inferInsert, 'programId' | 'menteeId'> &
    Partial<typeof enrolments.$inferInsert>,
) {
  await db.insert(enrolments).values(values);
}
