import { failureCode } from '../../../test/support/errors.ts';
import { originOf } from '../../../test/support/origins.ts';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../test/support/clock.ts';
import { createPartner as insertTestPartner, createUser } from '../../../test/support/factories.ts';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import { auditLog } from '../../db/schema/index.ts';
import { ANONYMOUS } from '../../domain/auth.ts';
import type { RequestOrigin, ServiceContext } from '../context.ts';
import { createPartner } from './create-partner.ts';
import { deactivatePartner } from './deactivate-partner.ts';
import { editPartner } from './edit-partner.ts';
import { getPartner } from './get-partner.ts';
import { listPartners } from './list-partners.ts';
import { reactivatePartner } from './reactivate-partner.ts';

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

async function auditActionsFor(subjectId: string): Promise<string[]> {
  const rows = await handle.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, 'partner'), eq(auditLog.subjectId, subjectId)))
    .orderBy(auditLog.id);
  return rows.map((row) => row.action);
}

describe('managing partners', () => {
  it('creates a partner and audits who did it, from where', async () => {
    const partner = await createPartner(context, {
      name: '  Entreprises Éphémères pour l’Emploi  ',
      kind: 'insertion',
      communeCode: '13055',
      siret: '12345678900012',
      origin: coordinator,
    });
    expect(partner).toMatchObject({
      name: 'Entreprises Éphémères pour l’Emploi',
      communeCode: '13055',
      isActive: true,
    });
    const [entry] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'partner.create'), eq(auditLog.subjectId, partner.id)));
    expect(entry).toMatchObject({
      actorId: coordinator.actor.kind === 'user' ? coordinator.actor.userId : null,
      actorRole: 'coordinator',
      ipAddress: '198.51.100.4',
    });
  });

  it('refuses a name already taken in another case, and an unknown commune', async () => {
    const existing = await insertTestPartner(handle.db, { name: 'Mission Locale Marseille' });
    expect(
      await failureCode(
        createPartner(context, {
          name: 'MISSION LOCALE marseille',
          kind: 'mission_locale',
          origin: coordinator,
        }),
      ),
    ).toBe('partner_name_taken');
    expect(
      await failureCode(
        createPartner(context, {
          name: 'Apec Provence',
          kind: 'employment_service',
          communeCode: '99999',
          origin: coordinator,
        }),
      ),
    ).toBe('commune_unknown');
    const other = await insertTestPartner(handle.db);
    expect(
      await failureCode(
        editPartner(context, {
          partnerId: other.id,
          changes: { name: existing.name.toUpperCase() },
          origin: coordinator,
        }),
      ),
    ).toBe('partner_name_taken');
    expect(
      await failureCode(
        editPartner(context, {
          partnerId: other.id,
          changes: { communeCode: '00000' },
          origin: coordinator,
        }),
      ),
    ).toBe('commune_unknown');
    expect(await auditActionsFor(other.id)).toEqual([]);
  });

  it('edits a partner, clearing a field with null', async () => {
    const partner = await insertTestPartner(handle.db, { phone: '04 91 00 00 00' });
    const edited = await editPartner(context, {
      partnerId: partner.id,
      changes: { phone: null, communeCode: '13201', email: 'contact@partenaire.example' },
      origin: coordinator,
    });
    expect(edited).toMatchObject({
      phone: null,
      communeCode: '13201',
      email: 'contact@partenaire.example',
    });
    expect(await auditActionsFor(partner.id)).toEqual(['partner.edit']);
    expect(
      await failureCode(
        editPartner(context, {
          partnerId: crypto.randomUUID(),
          changes: { phone: null },
          origin: coordinator,
        }),
      ),
    ).toBe('not_found');
  });

  it('deactivates and reactivates a partner, keeping its people, idempotently', async () => {
    const partner = await insertTestPartner(handle.db);
    const referrer = await createUser(handle.db, { role: 'referrer', partnerId: partner.id });
    const admin = await originOf(handle.db, 'admin');
    const deactivated = await deactivatePartner(context, { partnerId: partner.id, origin: admin });
    expect(deactivated.isActive).toBe(false);
    expect(deactivated.deactivatedAt).toEqual(clock.now());
    await deactivatePartner(context, { partnerId: partner.id, origin: admin });
    const reactivated = await reactivatePartner(context, { partnerId: partner.id, origin: admin });
    expect(reactivated).toMatchObject({ isActive: true, deactivatedAt: null });
    expect(await auditActionsFor(partner.id)).toEqual(['partner.deactivate', 'partner.reactivate']);
    const referrerOrigin: RequestOrigin = {
      actor: { kind: 'user', userId: referrer.id, role: 'referrer', partnerId: partner.id },
    };
    expect((await getPartner(context, { partnerId: partner.id, origin: referrerOrigin })).id).toBe(
      partner.id,
    );
  });

  it('lets only staff write', async () => {
    for (const role of ['referrer', 'mentor', 'mentee'] as const) {
      const origin = await originOf(handle.db, role);
      expect(
        await failureCode(
          createPartner(context, { name: `Refusé ${role}`, kind: 'other', origin }),
        ),
      ).toBe('forbidden');
      const partner = await insertTestPartner(handle.db);
      expect(await failureCode(deactivatePartner(context, { partnerId: partner.id, origin }))).toBe(
        'forbidden',
      );
      expect(
        await failureCode(
          editPartner(context, { partnerId: partner.id, changes: { phone: null }, origin }),
        ),
      ).toBe('forbidden');
    }
    expect(
      await failureCode(
        createPartner(context, { name: 'Anonyme', kind: 'other', origin: { actor: ANONYMOUS } }),
      ),
    ).toBe('unauthenticated');
  });
});

describe('reading partners', () => {
  it('shows a referrer their own partner only: another one is not found', async () => {
    const mine = await insertTestPartner(handle.db);
    const theirs = await insertTestPartner(handle.db);
    const referrer = await originOf(handle.db, 'referrer', mine.id);
    expect((await getPartner(context, { partnerId: mine.id, origin: referrer })).id).toBe(mine.id);
    expect(await failureCode(getPartner(context, { partnerId: theirs.id, origin: referrer }))).toBe(
      'not_found',
    );
    const page = await listPartners(context, { page: 1, pageSize: 100, origin: referrer });
    expect(page.items.map((partner) => partner.id)).toEqual([mine.id]);
    expect(page.total).toBe(1);
    const searched = await listPartners(context, {
      page: 1,
      pageSize: 100,
      search: theirs.name,
      origin: referrer,
    });
    expect(searched).toMatchObject({ items: [], total: 0 });
  });

  it('refuses mentors and mentees', async () => {
    const partner = await insertTestPartner(handle.db);
    for (const role of ['mentor', 'mentee'] as const) {
      const origin = await originOf(handle.db, role);
      expect(await failureCode(getPartner(context, { partnerId: partner.id, origin }))).toBe(
        'forbidden',
      );
      expect(await failureCode(listPartners(context, { page: 1, pageSize: 10, origin }))).toBe(
        'forbidden',
      );
    }
  });

  it('lists by name with search, filters and pages for staff', async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    await insertTestPartner(handle.db, { name: `Zèbre ${tag} B`, kind: 'company' });
    await insertTestPartner(handle.db, { name: `zèbre ${tag} a`, kind: 'association' });
    await insertTestPartner(handle.db, {
      name: `Zèbre ${tag} C`,
      kind: 'company',
      isActive: false,
    });
    await insertTestPartner(handle.db, { name: `Zèbre_${tag}%`, kind: 'other' });
    const all = await listPartners(context, {
      page: 1,
      pageSize: 10,
      search: `ZÈBRE ${tag}`,
      origin: coordinator,
    });
    expect(all.items.map((partner) => partner.name)).toEqual([
      `zèbre ${tag} a`,
      `Zèbre ${tag} B`,
      `Zèbre ${tag} C`,
    ]);
    const wildcard = await listPartners(context, {
      page: 1,
      pageSize: 10,
      search: `_${tag}%`,
      origin: coordinator,
    });
    expect(wildcard.items.map((partner) => partner.name)).toEqual([`Zèbre_${tag}%`]);
    const activeCompanies = await listPartners(context, {
      page: 1,
      pageSize: 10,
      search: tag,
      isActive: true,
      kind: 'company',
      origin: coordinator,
    });
    expect(activeCompanies.items.map((partner) => partner.name)).toEqual([`Zèbre ${tag} B`]);
    const second = await listPartners(context, {
      page: 2,
      pageSize: 2,
      search: `zèbre ${tag}`,
      origin: coordinator,
    });
    expect(second).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(second.items.map((partner) => partner.name)).toEqual([`Zèbre ${tag} C`]);
  });
});
