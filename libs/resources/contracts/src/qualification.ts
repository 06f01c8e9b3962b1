import { z } from 'zod';
import { InstantSchema } from './booking.js';

const ResourceRefField = z.string().trim().min(1).max(64);
/** A user's id as tokens carry it (`sub`). */
const UserIdField = z.string().trim().min(1).max(200);

/** The body of `POST /api/resources/:id/qualifications`. */
export const GrantQualificationRequestSchema = z.object({
  userId: UserIdField,
  /** The grant lapses at this instant; a booking must end by then. */
  expiresAt: InstantSchema,
});

export const GrantQualificationSchema = GrantQualificationRequestSchema.extend({
  resourceId: ResourceRefField,
});
export type GrantQualificationInput = z.infer<typeof GrantQualificationSchema>;

export const RevokeQualificationSchema = z.object({
  resourceId: ResourceRefField,
  userId: UserIdField,
});
export type RevokeQualificationInput = z.infer<typeof RevokeQualificationSchema>;

export const ListQualificationsSchema = z.object({ resourceId: ResourceRefField });
export type ListQualificationsInput = z.infer<typeof ListQualificationsSchema>;

/**
 * A unit's grant of a qualification (e.g. `cryo-em-training`) to a user of any institute: it
 * covers every resource of that unit requiring the qualification.
 */
export const QualificationSchema = z.object({
  id: z.uuid(),
  /** The granting unit: the owner of the resources it opens. */
  unitId: z.uuid(),
  qualification: z.string(),
  userId: z.string(),
  expiresAt: InstantSchema,
  grantedBy: z.string(),
  revokedAt: InstantSchema.nullable(),
  updatedAt: InstantSchema,
});
export type Qualification = z.infer<typeof QualificationSchema>;
