import { z } from 'zod';

/** Variables only the resources service reads, beside the shared service ones. */
export const resourcesEnvSchema = z.object({
  /** Minutes a freed slot is kept for the first waiting researcher before the next gets it. */
  HOLD_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
});

export type ResourcesConfig = z.infer<typeof resourcesEnvSchema>;
