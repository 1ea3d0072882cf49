import { z } from 'zod';

/**
 * What one side of a proposal sees of the other: only what a tandem needs — never the
 * referrer's notes, contact details before acceptance, birth year, gender or QPV.
 * `headline` reads "Mentor · cadre dirigeant·e" or "Mentoré·e · une recherche d'emploi".
 */
export const visibleProfileSchema = z.object({
  firstName: z.string(),
  headline: z.string(),
  commune: z.string().nullable(),
  meetingMode: z.string(),
  topics: z.array(z.string()),
  about: z.string().nullable(),
});
export type VisibleProfile = z.infer<typeof visibleProfileSchema>;
