import { z } from 'zod';

export const ROLES = [
  'researcher',
  'resource-manager',
  'enterprise',
  'talent',
  'convener',
  'department-officer',
  'housing-officer',
  'admin',
] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** Who is calling: verified by the gateway, re-verified by each service from the token. */
export const IdentitySchema = z.object({
  id: z.string().min(1),
  username: z.string().min(1),
  roles: z.array(RoleSchema),
  unitId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
});
export type Identity = z.infer<typeof IdentitySchema>;

export function hasRole(identity: Identity | undefined, ...roles: Role[]): boolean {
  return !!identity && identity.roles.some((r) => roles.includes(r) || r === 'admin');
}
