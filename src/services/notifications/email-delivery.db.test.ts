import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client.ts';
import { jobs, outboxMessages } from '../../db/schema/index.ts';
import { createJobWorker } from '../../jobs/start-job-worker.ts';
import { buildTestApp } from '../../../test/support/app.ts';
import { createUser } from '../../../test/support/factories.ts';
import { credentialsFor } from '../../../test/support/sessions.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../../../test/support/smtp-server.ts';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import { testWorkerConfig } from '../../../test/support/worker.ts';
import { queueEmailTo } from './queue-email.ts';

let database: DatabaseHandle;
let app: FastifyInstance;
let smtp: TestSmtpServer;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  smtp = await startTestSmtpServer();
});
afterAll(async () => {
  await app.close();
  await smtp.close();
  await database.close();
});

describe('e-mail delivery over SMTP', () => {
  it('delivers a requested sign-in link that signs the person in, once', async () => {
    const user = await createUser(database.db, { role: 'mentor', firstName: 'Inès' });
    const requested = await app.inject({
      method: 'POST',
      url: '/auth/sign-in-link',
      payload: { email: user.email },
    });
    expect(requested.statusCode).toBeLessThan(300);

    const worker = createJobWorker({ db: database.db, config: testWorkerConfig(smtp.url) });
    const before = smtp.received.length;
    expect(await worker.drain()).toBeGreaterThanOrEqual(1);
    await worker.close();
    const message = smtp.received.slice(before).find((m) => m.to === user.email);
    expect(message, 'the sign-in e-mail reached the SMTP server').toBeDefined();
    const mail = message!.mail;
    expect(mail.subject).toMatch(/^Votre lien de connexion/);
    expect(mail.from?.value).toEqual([
      { name: 'Mentorat CCI', address: 'mentorat@hub.example.test' },
    ]);
    expect(mail.messageId).toMatch(/^<tandem\.job-\d+\.[0-9a-z]+@hub\.example\.test>$/);
    expect(mail.text).toContain('Bonjour Inès,');
    expect(mail.html).toMatch(
      /<a href="http:\/\/hub\.example\.test\/connexion#jeton=[^"]+"[^>]*>Me connecter<\/a>/,
    );

    const link = /http:\/\/hub\.example\.test\/connexion#jeton=(\S+)/.exec(mail.text ?? '');
    expect(link).not.toBeNull();
    const token = link![1]!;
    const signedIn = await app.inject({ method: 'POST', url: '/auth/sign-in', payload: { token } });
    expect(signedIn.statusCode).toBe(200);
    const cookie = signedIn.cookies.find((c) => c.name === 'tandem_session')!;
    const credentials = await credentialsFor(app, cookie.value, user.id, 'mentor', null);
    const session = await app.inject({
      method: 'GET',
      url: '/auth/session',
      headers: credentials.headers,
    });
    expect(session.json()).toMatchObject({ user: { id: user.id } });

    const replay = await app.inject({ method: 'POST', url: '/auth/sign-in', payload: { token } });
    expect(replay.statusCode).toBe(400);
    expect(replay.json()).toMatchObject({ error: { code: 'sign_in_link_invalid' } });

    const [job] = await database.db
      .select()
      .from(jobs)
      .where(eq(jobs.id, Number(/job-(\d+)\./.exec(mail.messageId!)![1])));
    expect(job).toMatchObject({ status: 'succeeded', attempts: 1 });
  });

  it('attaches a meeting as a calendar invitation (METHOD:REQUEST)', async () => {
    const user = await createUser(database.db, { role: 'mentee', locale: 'en', firstName: 'Sam' });
    await queueEmailTo(
      database.db,
      user,
      'mentor_approved',
      {},
      {
        runAt: new Date(),
        calendarEvent: {
          uid: 'meeting-42@hub.example.test',
          title: 'Tandem meeting',
          location: 'CCI, 9 La Canebière, Marseille',
          start: '2026-12-03T10:00:00+01:00',
          end: '2026-12-03T11:00:00+01:00',
          organizer: { name: 'Mentorat CCI', email: 'mentorat@hub.example.test' },
          attendees: [{ name: 'Sam', email: user.email! }],
        },
      },
    );
    const worker = createJobWorker({ db: database.db, config: testWorkerConfig(smtp.url) });
    const before = smtp.received.length;
    await worker.drain();
    await worker.close();
    const mail = smtp.received.slice(before).find((m) => m.to === user.email)!.mail;
    expect(mail.subject).toBe('Your mentor application is approved');
    const calendar = mail.attachments.find((part) => part.contentType === 'text/calendar');
    expect(calendar, 'a text/calendar part').toBeDefined();
    const ics = calendar!.content.toString('utf8');
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r?\n/);
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain('UID:meeting-42@hub.example.test');
    expect(ics).toContain('DTSTART:20261203T090000Z');
    expect(ics).toContain('DTEND:20261203T100000Z');
    expect(ics.replace(/\r?\n[ \t]/g, '')).toContain(`mailto:${user.email}`);
    expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
  });
});

describe('e-mail delivery to the outbox', () => {
  it('stores each e-mail once, in the transaction that marks its job done', async () => {
    const user = await createUser(database.db, { role: 'coordinator', firstName: 'Léa' });
    await queueEmailTo(database.db, user, 'mentor_application_declined', {}, { runAt: new Date() });
    const worker = createJobWorker({ db: database.db, config: testWorkerConfig() });
    await worker.drain();
    await worker.close();
    const stored = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.toAddress, user.email!));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      template: 'mentor_application_declined',
      locale: 'fr',
      fromAddress: 'Mentorat CCI <mentorat@hub.example.test>',
      subject: 'Votre candidature de mentor',
    });
    expect(stored[0]!.textBody).toContain('Bonjour Léa,');
    const [job] = await database.db.select().from(jobs).where(eq(jobs.id, stored[0]!.jobId));
    expect(job!.status).toBe('succeeded');
  });

  it('refuses at queue time an e-mail whose parameters do not fit its template', async () => {
    const user = await createUser(database.db, { role: 'mentor' });
    await expect(
      queueEmailTo(
        database.db,
        user,
        'sign_in_link',
        { link: 'not-a-url', validMinutes: 20 },
        { runAt: new Date() },
      ),
    ).rejects.toThrow(/link: Invalid URL/);
    await expect(
      queueEmailTo(database.db, user, 'no_such_template', {}, { runAt: new Date() }),
    ).rejects.toThrow(/unknown e-mail template/);
  });
});
