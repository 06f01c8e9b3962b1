import { z } from 'zod';

/** The triage service's figures for the portal overview. */
export const TriageOverviewSchema = z.object({
  departments: z.number().int().min(0),
  categories: z.number().int().min(0),
});
export type TriageOverview = z.infer<typeof TriageOverviewSchema>;
