import { Injectable } from '@nestjs/common';
import type { Identity } from '@gm/shared-contracts';
import { AppError, invalidInput } from '@gm/shared-errors';
import { inTransaction } from '@gm/shared-db';
import { Outbox } from '@gm/shared-messaging';
import {
  BookingPolicySchema,
  ResourceUpdated,
  type Resource,
  type UpdateResourceInput,
} from '@gm/resources-contracts';
import {
  findResourceForUpdate,
  insertResourceChange,
  toResource,
  toResourceColumns,
  updateResourceColumns,
} from '@gm/resources-data-access';
import { applyResourceChanges, parseResourceRef } from '@gm/resources-domain';
import { managesUnit } from '../bookings/authorisation.js';
import { InjectResourcesDatabase, type ResourcesDatabase } from '../database.js';
import { ResourceCache } from './resource-cache.js';

/**
 * The owning unit's resource manager (or an admin) edits a catalogue entry and its booking
 * policy. The row is locked, so concurrent edits merge one after the other; the merged policy
 * must pass BookingPolicySchema's rules; the change is recorded (who, what, before and after)
 * and published as a public event in the same transaction. Existing bookings are kept: the new
 * policy applies to requests from now on (`maintenance`/`retired` refuses them all).
 */
@Injectable()
export class UpdateResourceUseCase {
  constructor(
    @InjectResourcesDatabase() private readonly database: ResourcesDatabase,
    private readonly outbox: Outbox,
    private readonly cache: ResourceCache,
  ) {}

  async execute(identity: Identity, { id, changes }: UpdateResourceInput): Promise<Resource> {
    const updated = await inTransaction(this.database.db, async (trx) => {
      const row = await findResourceForUpdate(trx, parseResourceRef(id));
      if (!row) throw AppError.notFound('resource', id);
      if (!managesUnit(identity, row.unit_id)) {
        throw AppError.forbidden('only the owning unit’s resource manager may edit this resource');
      }
      const current = toResource(row);
      const { resource, changed } = applyResourceChanges(current, changes);
      const policy = BookingPolicySchema.safeParse(resource.policy);
      if (!policy.success) throw invalidInput(policy.error.issues, 'policy', 'policy');
      if (Object.keys(changed).length === 0) return current;

      await updateResourceColumns(trx, resource.id, toResourceColumns(resource));
      await insertResourceChange(trx, {
        resourceId: resource.id,
        actorId: identity.id,
        changes: changed,
      });
      await this.outbox.add(
        trx,
        ResourceUpdated,
        { resource, changed: Object.keys(changed) },
        { subject: resource.id },
      );
      return resource;
    });
    // After the commit: a read in between would cache the old row again.
    this.cache.forget(updated.id);
    return updated;
  }
}
