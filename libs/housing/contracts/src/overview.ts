import { z } from 'zod';
import { UnitCountsSchema } from './project.js';

/** The housing service's figures for the portal overview. */
export const HousingOverviewSchema = z.object({
  projects: z.number().int().min(0),
  units: UnitCountsSchema,
});
export type HousingOverview = z.infer<typeof HousingOverviewSchema>;
