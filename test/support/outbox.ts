import { desc, eq } from 'drizzle-orm';
import type { Executor } from '../../src/db/client.ts';
import { jobs } from '../../src/db/schema/index.ts';

/** The token of the last link e-mailed to `email`, read from the queued e-mail jobs. */
export async function lastLinkTokenFor(db: Executor, email: string): Promise<string> {
  const rows = await db
    .select()
    .from(jobs)
    .where(eq(jobs.name, 'send_email'))
    .orderBy(desc(jobs.id));
  const job = rows.find((row) => (row.payload as { to: string }).to === email);
  const link = (job?.payload as { params: { link: string } } | undefined)?.params.link;
  if (!link) throw new Error(`no link was e-mailed to ${email}`);
  return link.split('#jeton=')[1]!;
}

/** A queued e-mail as services write it (see `queueEmailTo`). */
export type QueuedEmail = { to: string; template: string; params: Record<string, unknown> };

/** The e-mails queued to `address` (of one template when given), newest first. */
export async function queuedEmailsTo(
  db: Executor,
  address: string | null,
  template?: string,
): Promise<QueuedEmail[]> {
  const rows = await db
    .select()
    .from(jobs)
    .where(eq(jobs.name, 'send_email'))
    .orderBy(desc(jobs.id));
  return rows
    .map((row) => row.payload as QueuedEmail)
    .filter((email) => email.to === address && (!template || email.template === template));
}

/** The path (`/liens/…`) of a one-click link `param` in the newest `template` e-mail to `address`. */
export async function actionLinkPathFor(
  db: Executor,
  address: string | null,
  template: string,
  param: string,
): Promise<string> {
  const [email] = await queuedEmailsTo(db, address, template);
  const url = email?.params[param];
  if (typeof url !== 'string')
    throw new Error(`no ${template}.${param} was e-mailed to ${address}`);
  return new URL(url).pathname;
}
