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
