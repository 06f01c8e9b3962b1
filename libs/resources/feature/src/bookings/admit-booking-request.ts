import type { Identity } from '@gm/shared-contracts';
import type { Executor } from '@gm/shared-db';
import { AppError } from '@gm/shared-errors';
import type { Resource } from '@gm/resources-contracts';
import {
  findQualifiedUntil,
  findResource,
  toResource,
  type ResourcesDB,
} from '@gm/resources-data-access';
import { checkBookingRequest, parseResourceRef } from '@gm/resources-domain';
import type { ResourceCache } from '../catalogue/resource-cache.js';
import { policyRefusal } from './policy-refusal.js';

/**
 * The resource and span of a booking (or waitlist) request that the resource's policy admits for
 * this caller, qualification included: an unknown resource is a 404, a breach a 400 naming each rule.
 * With `cache`, the resource may come from the catalogue cache: `version` (its `updated_at`)
 * lets the write check that the policy it was admitted under is still the resource's.
 */
export async function admitBookingRequest(
  db: Executor<ResourcesDB>,
  identity: Identity,
  request: { resourceId: string; start: string; end: string },
  now: Date,
  cache?: ResourceCache,
): Promise<{ resource: Resource; start: Date; end: Date; version: Date }> {
  const lookup = parseResourceRef(request.resourceId);
  const row = await (cache ? cache.find(db, lookup) : findResource(db, lookup));
  if (!row) throw AppError.notFound('resource', request.resourceId);
  const resource = toResource(row);
  const start = new Date(request.start);
  const end = new Date(request.end);
  const qualification = resource.policy.requiredQualification;
  const violations = checkBookingRequest({
    policy: resource.policy,
    status: resource.status,
    start,
    end,
    now,
    qualifiedUntil: qualification
      ? await findQualifiedUntil(db, resource.unit.id, qualification, identity.id)
      : null,
  });
  if (violations.length > 0) {
    // Never refuse on a cached row alone: the policy may have changed since it was read.
    if (cache) {
      cache.forget(row.id);
      return admitBookingRequest(db, identity, request, now);
    }
    throw policyRefusal(resource.code, violations);
  }
  return { resource, start, end, version: row.updated_at };
}
