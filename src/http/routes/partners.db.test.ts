import { count } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { createPartner } from '../../../test/support/factories.ts';
import { signInAs, type TestCredentials } from '../../../test/support/sessions.ts';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import { auditLog, partners } from '../../db/schema/index.ts';

let database: DatabaseHandle;
let app: FastifyInstance;
let coordinator: TestCredentials;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  coordinator = await signInAs(app, database.db, 'coordinator');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

type Page = { items: { id: string; name: string }[]; total: number };

async function tableSizes() {
  const [partnerCount] = await database.db.select({ n: count() }).from(partners);
  const [auditCount] = await database.db.select({ n: count() }).from(auditLog);
  return { partners: partnerCount?.n, audit: auditCount?.n };
}

describe('partners over HTTP, for staff', () => {
  it('creates, reads, edits, deactivates and reactivates a partner', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/partners',
      headers: coordinator.headers,
      payload: {
        name: 'Positive Planet Marseille',
        kind: 'business_support',
        communeCode: '13203',
        siret: '43866452700053',
        email: 'marseille@positiveplanet.example',
        phone: '04 91 00 00 00',
      },
    });
    expect(created.statusCode).toBe(201);
    const partner = created.json<{ id: string }>();
    expect(Object.keys(partner).sort()).toEqual(
      [
        'address',
        'communeCode',
        'createdAt',
        'deactivatedAt',
        'email',
        'id',
        'isActive',
        'kind',
        'name',
        'phone',
        'siret',
      ].sort(),
    );

    const read = await app.inject({
      method: 'GET',
      url: `/partners/${partner.id}`,
      headers: coordinator.headers,
    });
    expect(read.json()).toMatchObject({ name: 'Positive Planet Marseille', isActive: true });

    const edited = await app.inject({
      method: 'PATCH',
      url: `/partners/${partner.id}`,
      headers: coordinator.headers,
      payload: { phone: null, address: '1 place de la Joliette, 13002 Marseille' },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ phone: null, communeCode: '13203' });

    const deactivated = await app.inject({
      method: 'POST',
      url: `/partners/${partner.id}/deactivate`,
      headers: coordinator.headers,
    });
    expect(deactivated.json()).toMatchObject({ isActive: false });
    expect(deactivated.json<{ deactivatedAt: string | null }>().deactivatedAt).not.toBeNull();
    const inactive = await app.inject({
      method: 'GET',
      url: `/partners?active=false&q=${encodeURIComponent('positive planet marseille')}`,
      headers: coordinator.headers,
    });
    expect(inactive.json<Page>().items.map((item) => item.id)).toEqual([partner.id]);
    const reactivated = await app.inject({
      method: 'POST',
      url: `/partners/${partner.id}/reactivate`,
      headers: coordinator.headers,
      payload: {},
    });
    expect(reactivated.json()).toMatchObject({ isActive: true, deactivatedAt: null });
  });

  it('answers 409 for a name taken in any case and 400 for an unknown commune', async () => {
    const existing = await createPartner(database.db);
    const taken = await app.inject({
      method: 'POST',
      url: '/partners',
      headers: coordinator.headers,
      payload: { name: existing.name.toUpperCase(), kind: 'other' },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ error: { code: 'partner_name_taken' } });
    const unknownCommune = await app.inject({
      method: 'POST',
      url: '/partners',
      headers: coordinator.headers,
      payload: { name: 'Commune inconnue', kind: 'other', communeCode: '99999' },
    });
    expect(unknownCommune.statusCode).toBe(400);
    expect(unknownCommune.json()).toMatchObject({ error: { code: 'commune_unknown' } });
    const missing = await app.inject({
      method: 'PATCH',
      url: `/partners/${crypto.randomUUID()}`,
      headers: coordinator.headers,
      payload: { phone: null },
    });
    expect(missing.statusCode).toBe(404);
  });

  it('lists with pages, search and filters', async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    for (const name of ['Alpha', 'Bravo', 'Charlie']) {
      await createPartner(database.db, { name: `${tag} ${name}`, kind: 'mission_locale' });
    }
    await createPartner(database.db, { name: `${tag} Delta`, kind: 'company' });
    const page = await app.inject({
      method: 'GET',
      url: `/partners?q=${tag}&kind=mission_locale&page=2&pageSize=2`,
      headers: coordinator.headers,
    });
    expect(page.json()).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page.json<Page>().items.map((item) => item.name)).toEqual([`${tag} Charlie`]);
    for (const query of ['active=maybe', 'kind=bank', 'pageSize=500', 'page=0', 'q=']) {
      const bad = await app.inject({
        method: 'GET',
        url: `/partners?${query}`,
        headers: coordinator.headers,
      });
      expect(bad.statusCode, query).toBe(400);
      expect(bad.json()).toMatchObject({ error: { code: 'validation_failed' } });
    }
  });

  it('answers every malformed write with a 4xx and a stable code, changing nothing', async () => {
    const partner = await createPartner(database.db);
    const before = await tableSizes();
    const bodies: unknown[] = [
      {},
      { name: '', kind: 'other' },
      { name: '   ', kind: 'other' },
      { name: 'x'.repeat(201), kind: 'other' },
      { name: 'Nul\u0000', kind: 'other' },
      { name: 'Ok', kind: 'bank' },
      { name: 'Ok', kind: 'other', siret: '123' },
      { name: 'Ok', kind: 'other', communeCode: "13055'; drop table partners; --" },
      { name: 'Ok', kind: 'other', email: 'not-an-email' },
      { name: 'Ok', kind: 'other', phone: 'call me' },
      { name: 42, kind: 'other' },
      { name: 'Inattendu', kind: 'other', isActive: false },
      [],
      'partner',
      null,
    ];
    for (const payload of bodies) {
      for (const [method, url] of [
        ['POST', '/partners'],
        ['PATCH', `/partners/${partner.id}`],
      ] as const) {
        const response = await app.inject({
          method,
          url,
          headers: { ...coordinator.headers, 'content-type': 'application/json' },
          payload: JSON.stringify(payload),
        });
        expect(response.statusCode, `${method} ${JSON.stringify(payload)}`).toBeGreaterThanOrEqual(
          400,
        );
        expect(response.statusCode).toBeLessThan(500);
        expect(response.json<{ error: { code: string } }>().error.code).toBeTypeOf('string');
      }
    }
    const badId = await app.inject({
      method: 'POST',
      url: '/partners/not-a-uuid/deactivate',
      headers: coordinator.headers,
    });
    expect(badId.statusCode).toBe(400);
    expect(await tableSizes()).toEqual(before);
  });
});

describe('partners over HTTP, for a referrer', () => {
  it('shows partner A’s referrer nothing of partner B: 404, not 403, and scoped lists', async () => {
    const partnerA = await createPartner(database.db);
    const partnerB = await createPartner(database.db);
    const referrer = await signInAs(app, database.db, 'referrer', { partnerId: partnerA.id });

    const own = await app.inject({
      method: 'GET',
      url: `/partners/${partnerA.id}`,
      headers: referrer.headers,
    });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ id: partnerA.id });

    const other = await app.inject({
      method: 'GET',
      url: `/partners/${partnerB.id}`,
      headers: referrer.headers,
    });
    expect(other.statusCode).toBe(404);
    expect(other.json()).toMatchObject({ error: { code: 'not_found' } });
    expect(other.body).not.toContain(partnerB.name);
    const unknown = await app.inject({
      method: 'GET',
      url: `/partners/${crypto.randomUUID()}`,
      headers: referrer.headers,
    });
    expect(unknown.json()).toEqual(other.json());

    const list = await app.inject({ method: 'GET', url: '/partners', headers: referrer.headers });
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: partnerA.id }] });
    const searched = await app.inject({
      method: 'GET',
      url: `/partners?q=${encodeURIComponent(partnerB.name)}`,
      headers: referrer.headers,
    });
    expect(searched.json()).toMatchObject({ total: 0, items: [] });
    expect(searched.body).not.toContain(partnerB.name);
  });

  it('refuses a referrer’s writes (403), and any access to mentors and mentees', async () => {
    const partner = await createPartner(database.db);
    const referrer = await signInAs(app, database.db, 'referrer', { partnerId: partner.id });
    const writes = [
      { method: 'POST', url: '/partners', payload: { name: 'Ma structure', kind: 'other' } },
      { method: 'PATCH', url: `/partners/${partner.id}`, payload: { phone: null } },
      { method: 'POST', url: `/partners/${partner.id}/deactivate`, payload: {} },
    ] as const;
    for (const write of writes) {
      const response = await app.inject({ ...write, headers: referrer.headers });
      expect(response.statusCode, write.url).toBe(403);
    }
    for (const role of ['mentor', 'mentee'] as const) {
      const credentials = await signInAs(app, database.db, role);
      const response = await app.inject({
        method: 'GET',
        url: `/partners/${partner.id}`,
        headers: credentials.headers,
      });
      expect(response.statusCode).toBe(403);
    }
  });
});
