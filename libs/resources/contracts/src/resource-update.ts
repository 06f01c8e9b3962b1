import { z } from 'zod';
import { BookingPolicyFieldsSchema, durationOrder } from './booking-policy.js';
import { ResourceStatusSchema } from './resource.js';

/**
 * A partial booking policy: the fields given replace the current ones, the rest stay. The
 * result must still be a valid policy (the service checks the merged policy with
 * BookingPolicySchema's rules, e.g. minMinutes ≤ maxMinutes). `bufferMinutes` sets both buffers
 * at once unless `bufferBeforeMinutes` or `bufferAfterMinutes` is given.
 */
export const BookingPolicyPatchSchema = BookingPolicyFieldsSchema.partial()
  .strict()
  .refine(durationOrder.check, { message: durationOrder.message, path: durationOrder.path });
export type BookingPolicyPatch = z.infer<typeof BookingPolicyPatchSchema>;

const text = (max: number) => z.string().trim().max(max);

/** The body of `PATCH /api/resources/:id`: any of these; unknown fields are refused. */
export const ResourceChangesSchema = z
  .object({
    name: text(200).min(1).optional(),
    nameEn: text(200).min(1).optional(),
    description: text(4000).optional(),
    descriptionEn: text(4000).optional(),
    location: text(200).optional(),
    /** `maintenance` or `retired` refuses new bookings (`policy.resource-unavailable`). */
    status: ResourceStatusSchema.optional(),
    policy: BookingPolicyPatchSchema.optional(),
  })
  .strict()
  .refine((c) => Object.values(c).some((v) => v !== undefined), {
    message: 'name at least one field to change',
  });
export type ResourceChanges = z.infer<typeof ResourceChangesSchema>;

/** The RPC request: which resource (UUID or code) and what changes. */
export const UpdateResourceSchema = z.object({
  id: z.string().trim().min(1).max(64),
  changes: ResourceChangesSchema,
});
export type UpdateResourceInput = z.infer<typeof UpdateResourceSchema>;
