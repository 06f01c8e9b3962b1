import { z } from 'zod';
import { PageQuerySchema } from '@gm/shared-contracts';
import { BookingPolicySchema } from './booking-policy.js';
import { UnitSchema } from './unit.js';

export const RESOURCE_CATEGORIES = [
  'instrument',
  'laboratory',
  'facility',
  'computing',
  'platform',
] as const;
export const ResourceCategorySchema = z.enum(RESOURCE_CATEGORIES);
export type ResourceCategory = z.infer<typeof ResourceCategorySchema>;

export const RESOURCE_STATUSES = ['available', 'maintenance', 'retired'] as const;
export const ResourceStatusSchema = z.enum(RESOURCE_STATUSES);
export type ResourceStatus = z.infer<typeof ResourceStatusSchema>;

/** Codes of the shared-resource list: `GM-R-001` … */
export const RESOURCE_CODE = /^GM-R-\d{3,}$/;

/** One entry of the shared-resource list (共享资源清单), owned by one member unit. */
export const ResourceSchema = z.object({
  id: z.uuid(),
  code: z.string().regex(RESOURCE_CODE),
  name: z.string().min(1),
  nameEn: z.string().min(1),
  category: ResourceCategorySchema,
  unit: UnitSchema,
  location: z.string(),
  description: z.string(),
  descriptionEn: z.string(),
  policy: BookingPolicySchema,
  status: ResourceStatusSchema,
});
export type Resource = z.infer<typeof ResourceSchema>;

/** An absent or blank query-string value means "no filter". */
const optionalFilter = <T extends z.ZodType>(schema: T) =>
  z
    .preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      schema.optional(),
    )
    .optional();

export const ResourceQuerySchema = PageQuerySchema.extend({
  /** Substring of the name, English name, description or code, in either language. */
  q: optionalFilter(z.string().trim().max(100)),
  category: optionalFilter(ResourceCategorySchema),
  unitId: optionalFilter(z.uuid()),
});
export type ResourceQuery = z.infer<typeof ResourceQuerySchema>;

/** A resource named by its UUID or by its code (`GM-R-001`, any case). */
export const ResourceRefSchema = z.object({ id: z.string().trim().min(1).max(64) });
export type ResourceRef = z.infer<typeof ResourceRefSchema>;
