import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { Identity } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { inTransaction } from '@gm/shared-db';
import type {
  GrantQualificationInput,
  Qualification,
  RevokeQualificationInput,
} from '@gm/resources-contracts';
import {
  findResource,
  listValidQualifications,
  revokeQualification,
  upsertQualification,
  type QualificationRow,
  type ResourceWithUnitRow,
} from '@gm/resources-data-access';
import { parseResourceRef } from '@gm/resources-domain';
import { managesUnit } from '../bookings/authorisation.js';
import { InjectResourcesDatabase, type ResourcesDatabase } from '../database.js';

/**
 * The owning unit's manager grants the qualification a resource requires to users of any
 * institute, with an expiry, lists the live grants and revokes them. A grant is the unit's: it
 * opens every resource of that unit requiring the same qualification.
 */
@Injectable()
export class QualificationsUseCase {
  constructor(@InjectResourcesDatabase() private readonly database: ResourcesDatabase) {}

  async grant(
    identity: Identity,
    input: GrantQualificationInput,
    now: Date = new Date(),
  ): Promise<Qualification> {
    const { resource, qualification } = await this.managedQualification(identity, input.resourceId);
    const expiresAt = new Date(input.expiresAt);
    if (expiresAt.getTime() <= now.getTime()) {
      throw AppError.invalid('a qualification is granted until a time in the future', [
        { path: 'expiresAt', message: 'must be in the future', code: 'qualification.expiry-past' },
      ]);
    }
    const row = await inTransaction(this.database.db, (trx) =>
      upsertQualification(trx, {
        id: uuidv7(),
        unitId: resource.unit_id,
        name: qualification,
        userId: input.userId,
        expiresAt,
        grantedBy: identity.id,
      }),
    );
    return toQualification(row);
  }

  async revoke(identity: Identity, input: RevokeQualificationInput): Promise<Qualification> {
    const { resource, qualification } = await this.managedQualification(identity, input.resourceId);
    const row = await inTransaction(this.database.db, (trx) =>
      revokeQualification(trx, resource.unit_id, qualification, input.userId),
    );
    if (!row) throw AppError.notFound(`${qualification} grant of user`, input.userId);
    return toQualification(row);
  }

  async list(
    identity: Identity,
    resourceId: string,
    now: Date = new Date(),
  ): Promise<{ qualification: string | null; items: Qualification[] }> {
    const resource = await this.managedResource(identity, resourceId);
    const qualification = resource.required_qualification;
    if (!qualification) return { qualification: null, items: [] };
    const rows = await listValidQualifications(
      this.database.db,
      resource.unit_id,
      qualification,
      now,
    );
    return { qualification, items: rows.map(toQualification) };
  }

  private async managedResource(identity: Identity, ref: string): Promise<ResourceWithUnitRow> {
    const resource = await findResource(this.database.db, parseResourceRef(ref));
    if (!resource) throw AppError.notFound('resource', ref);
    if (!managesUnit(identity, resource.unit_id)) {
      throw AppError.forbidden(
        'only the owning unit’s resource manager manages its qualifications',
      );
    }
    return resource;
  }

  private async managedQualification(identity: Identity, ref: string) {
    const resource = await this.managedResource(identity, ref);
    const qualification = resource.required_qualification;
    if (!qualification) {
      throw AppError.invalid(`${resource.code} requires no qualification`, [
        {
          path: 'resourceId',
          message: 'the resource requires no qualification to grant',
          code: 'qualification.not-required',
        },
      ]);
    }
    return { resource, qualification };
  }
}

function toQualification(row: QualificationRow): Qualification {
  return {
    id: row.id,
    unitId: row.unit_id,
    qualification: row.name,
    userId: row.user_id,
    expiresAt: row.expires_at.toISOString(),
    grantedBy: row.granted_by,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
  };
}
