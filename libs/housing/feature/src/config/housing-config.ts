import { z } from 'zod';

/** Variables only the housing service reads, beside the shared service ones. */
export const housingEnvSchema = z.object({
  /** Hours an applicant has to accept or decline an offer before it lapses (and counts as a strike). */
  OFFER_HOURS: z.coerce.number().int().min(1).max(720).default(72),
});

export type HousingConfig = z.infer<typeof housingEnvSchema>;
