import { z } from 'zod';
import { PageQuerySchema } from '@gm/shared-contracts';
import { HousingUnitStatusSchema } from './project.js';

/** One dwelling of a project, as the public catalogue shows it. */
export const HousingUnitSchema = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  /** The building's code within its project, e.g. `1` for 1栋. */
  building: z.string(),
  number: z.string(),
  bedrooms: z.number().int().min(0),
  areaSqm: z.number().positive(),
  /** Yuan per month. */
  monthlyRent: z.number().min(0),
  status: HousingUnitStatusSchema,
});
export type HousingUnit = z.infer<typeof HousingUnitSchema>;

const emptyAsUndefined = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    schema.optional(),
  );

/** `GET /api/housing/projects/:id/units`: paged, optionally one status, in building and number order. */
export const ListProjectUnitsSchema = PageQuerySchema.extend({
  projectId: z.uuid(),
  status: emptyAsUndefined(HousingUnitStatusSchema),
});
export type ListProjectUnitsQuery = z.infer<typeof ListProjectUnitsSchema>;

/** `POST /api/housing/units/:id/vacate`: the tenant moved out; the unit returns to stock. */
export const UnitRefSchema = z.object({ id: z.uuid() });
