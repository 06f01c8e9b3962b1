import { z } from 'zod';
import { RoleSchema, type Identity } from './identity.js';

/**
 * One group of people allowed to see a non-public event live: every field given must match the
 * signed-in caller (e.g. `{ unitId, role: 'resource-manager' }` is the managers of that unit).
 */
export const AudienceGrantSchema = z
  .object({
    /** An identity id (the token's `sub`), e.g. the requester of a booking or a ticket. */
    userId: z.string().min(1).optional(),
    /** A member unit, e.g. the unit owning the booked resource. */
    unitId: z.uuid().optional(),
    /** A district department, e.g. the department a ticket is assigned to. */
    departmentId: z.uuid().optional(),
    /** A role, e.g. `convener` for every ticket change. */
    role: RoleSchema.optional(),
  })
  .refine((grant) => Object.values(grant).some((value) => value !== undefined), {
    message: 'an audience grant names at least a user, unit, department or role',
  });
export type AudienceGrant = z.infer<typeof AudienceGrantSchema>;

/**
 * Who may see a non-public event on the gateway's live stream (`GET /api/events/stream`): the
 * event contract's `audience(data)` names it, and the gateway shows the event to a caller
 * matching any grant. An event neither `public` nor with an `audience` reaches nobody live.
 */
export const AudienceSchema = z.array(AudienceGrantSchema);
export type Audience = z.infer<typeof AudienceSchema>;

/** Whether a grant names this caller: every field it gives must match. */
export function grantMatches(grant: AudienceGrant, identity: Identity): boolean {
  const fields = [
    grant.userId === undefined || grant.userId === identity.id,
    grant.unitId === undefined || grant.unitId === identity.unitId,
    grant.departmentId === undefined || grant.departmentId === identity.departmentId,
    grant.role === undefined || identity.roles.includes(grant.role),
  ];
  const named = Object.values(grant).some((value) => value !== undefined);
  return named && fields.every(Boolean);
}

/** Whether a signed-in caller is in an event's audience; anonymous callers never are. */
export function isInAudience(
  audience: Audience | undefined,
  identity: Identity | undefined,
): boolean {
  if (!audience || !identity) return false;
  return audience.some((grant) => grantMatches(grant, identity));
}
