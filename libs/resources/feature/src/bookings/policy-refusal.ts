import { AppError } from '@gm/shared-errors';
import type { PolicyViolation } from '@gm/resources-domain';

/** The problem type of a request that breaks the resource's booking policy (a 400). */
export const BOOKING_POLICY = 'booking-policy';

/** A 400 `booking-policy` naming every broken rule (`errors[].code`) with its limit. */
export function policyRefusal(resourceCode: string, violations: PolicyViolation[]): AppError {
  return AppError.invalid(
    `the request breaks the policy of ${resourceCode}: ${violations.map((v) => v.rule).join(', ')}`,
    violations.map((v) => ({ path: v.path, message: v.message, code: v.rule, limit: v.limit })),
    BOOKING_POLICY,
  );
}
