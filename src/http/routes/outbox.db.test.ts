import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client.ts';
import { auditLog } from '../../db/schema/index.ts';
import { createJobWorker } from '../../jobs/start-job-worker.ts';
import { queueEmailTo } from '../../services/notifications/queue-email.ts';
import { buildTestApp } from '../../../test/support/app.ts';
import { createUser } from '../../../test/support/factories.ts';
import { signInAs } from '../../../test/support/sessions.ts';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import { testWorkerConfig } from '../../../test/support/worker.ts';

let database: DatabaseHandle;
let app: FastifyInstance;
beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('the outbox routes', () => {
  it('let staff read the e-mails kept while no SMTP server is configured', async () => {
    const mentee = await createUser(database.db, {
      role: 'mentee',
      locale: 'en',
      firstName: 'Sam',
    });
    await queueEmailTo(database.db, mentee, 'mentor_approved', {}, { runAt: new Date() });
    const worker = createJobWorker({
      db: database.db,
      config: testWorkerConfig(),
    });
    await worker.drain();
    await worker.close();

    const coordinator = await signInAs(app, database.db, 'coordinator');
    const list = await app.inject({
      method: 'GET',
      url: `/outbox?to=${encodeURIComponent(mentee.email!.toUpperCase())}`,
      headers: coordinator.headers,
    });
    expect(list.statusCode).toBe(200);
    const page = list.json<{
      items: { id: number; to: string; subject: string }[];
      total: number;
    }>();
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({
      to: mentee.email,
      subject: 'Your mentor application is approved',
    });

    const one = await app.inject({
      method: 'GET',
      url: `/outbox/${page.items[0]!.id}`,
      headers: coordinator.headers,
    });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ locale: 'en', calendar: null, hasCalendar: false });
    expect(one.json<{ text: string }>().text).toContain('Hello Sam,');
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'outbox.read'), eq(auditLog.actorId, coordinator.userId!)));
    expect(audit.map((entry) => entry.subjectId)).toEqual([String(page.items[0]!.id)]);

    const missing = await app.inject({
      method: 'GET',
      url: '/outbox/999999',
      headers: coordinator.headers,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('are closed to everyone but admins and coordinators', async () => {
    for (const role of ['referrer', 'mentor', 'mentee'] as const) {
      const credentials = await signInAs(app, database.db, role);
      const response = await app.inject({
        method: 'GET',
        url: '/outbox',
        headers: credentials.headers,
      });
      expect(response.statusCode, role).toBe(403);
    }
    expect((await app.inject({ method: 'GET', url: '/outbox' })).statusCode).toBe(401);
    const admin = await signInAs(app, database.db, 'admin');
    expect(
      (await app.inject({ method: 'GET', url: '/outbox', headers: admin.headers })).statusCode,
    ).toBe(200);
  });
});
