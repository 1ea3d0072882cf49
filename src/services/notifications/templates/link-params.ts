import { z } from 'zod';

/** Parameters every e-mail carrying a sign-in link has (see `emailSignInLink`). */
export const linkParams = z.object({
  firstName: z.string().nullable().optional(),
  link: z.url(),
  validMinutes: z.number().int().positive(),
});

/** Parameters of an e-mail that only greets the recipient. */
export const greetingParams = z.object({ firstName: z.string().nullable().optional() });
