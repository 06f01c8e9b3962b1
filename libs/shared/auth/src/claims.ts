import type { JWTPayload } from 'jose';
import { AppError, fieldErrorsFromIssues } from '@gm/shared-errors';
import { IdentitySchema, RoleSchema, type Identity, type Role } from '@gm/shared-contracts';
import type { AuthConfig } from './auth-config.js';

type ClaimNames = Pick<
  AuthConfig,
  'AUTH_ROLES_CLAIM' | 'AUTH_UNIT_CLAIM' | 'AUTH_DEPARTMENT_CLAIM' | 'AUTH_USERNAME_CLAIM'
>;

/**
 * Reads a claim by its exact name first (namespaced claims such as `https://x.org/roles` hold
 * dots), then as a dotted path into nested objects (Keycloak's `realm_access.roles`).
 */
export function readClaim(payload: JWTPayload, name: string): unknown {
  if (name in payload) return payload[name];
  let value: unknown = payload;
  for (const key of name.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Roles as an array or a space/comma separated string; roles this platform does not know are dropped. */
export function parseRoles(value: unknown): Role[] {
  const names = Array.isArray(value)
    ? value
    : typeof value === 'string'
      ? value.split(/[\s,]+/)
      : [];
  const roles = new Set<Role>();
  for (const name of names) {
    const role = RoleSchema.safeParse(name);
    if (role.success) roles.add(role.data);
  }
  return [...roles];
}

const stringClaim = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

/** The verified caller; frozen because one cached identity is shared by many requests. */
export function identityFromClaims(payload: JWTPayload, names: ClaimNames): Identity {
  const unitId = stringClaim(readClaim(payload, names.AUTH_UNIT_CLAIM));
  const departmentId = stringClaim(readClaim(payload, names.AUTH_DEPARTMENT_CLAIM));
  const result = IdentitySchema.safeParse({
    id: payload.sub,
    username: stringClaim(readClaim(payload, names.AUTH_USERNAME_CLAIM)) ?? payload.sub,
    roles: parseRoles(readClaim(payload, names.AUTH_ROLES_CLAIM)),
    ...(unitId ? { unitId } : {}),
    ...(departmentId ? { departmentId } : {}),
  });
  if (!result.success) {
    const claimOf: Record<string, string> = {
      id: 'sub',
      username: names.AUTH_USERNAME_CLAIM,
      unitId: names.AUTH_UNIT_CLAIM,
      departmentId: names.AUTH_DEPARTMENT_CLAIM,
    };
    const errors = fieldErrorsFromIssues(result.error.issues).map((e) => ({
      ...e,
      path: claimOf[e.path] ?? e.path,
    }));
    return rejectClaims(errors);
  }
  Object.freeze(result.data.roles);
  return Object.freeze(result.data);
}

function rejectClaims(errors: { path: string; message: string }[]): never {
  throw new AppError(
    'unauthenticated',
    `access token claims are invalid: ${errors.map((e) => e.path).join(', ')}`,
    errors,
  );
}

/** The claims the demo issuer writes, under the configured names, so the verifier reads them back. */
export function claimsFromIdentity(identity: Identity, names: ClaimNames): JWTPayload {
  return {
    [names.AUTH_USERNAME_CLAIM]: identity.username,
    [names.AUTH_ROLES_CLAIM]: identity.roles,
    ...(identity.unitId ? { [names.AUTH_UNIT_CLAIM]: identity.unitId } : {}),
    ...(identity.departmentId ? { [names.AUTH_DEPARTMENT_CLAIM]: identity.departmentId } : {}),
  };
}
