import { z } from 'zod';

/**
 * available: can be offered in a round; offered: held by an open offer; allocated: let to a
 * talent; unavailable: kept out of allocation (repairs, management use).
 */
export const HOUSING_UNIT_STATUSES = ['available', 'offered', 'allocated', 'unavailable'] as const;
export const HousingUnitStatusSchema = z.enum(HOUSING_UNIT_STATUSES);
export type HousingUnitStatus = z.infer<typeof HousingUnitStatusSchema>;

const count = z.number().int().min(0);

/** How many units there are, in all and in each status. */
export const UnitCountsSchema = z.object({
  total: count,
  byStatus: z.object({ available: count, offered: count, allocated: count, unavailable: count }),
});
export type UnitCounts = z.infer<typeof UnitCountsSchema>;

/** A talent-housing project (人才房项目) with its unit counts. */
export const HousingProjectSchema = z.object({
  id: z.uuid(),
  code: z.string().min(1),
  name: z.string().min(1),
  nameEn: z.string().min(1),
  address: z.string(),
  buildings: count,
  units: UnitCountsSchema,
});
export type HousingProject = z.infer<typeof HousingProjectSchema>;
