import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { Identity } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { inTransaction } from '@gm/shared-db';
import { Outbox } from '@gm/shared-messaging';
import {
  MaintenanceScheduled,
  type MaintenanceWindow,
  type ScheduleMaintenanceInput,
} from '@gm/resources-contracts';
import {
  findResource,
  insertCalendarBlock,
  insertMaintenanceWindow,
} from '@gm/resources-data-access';
import { parseResourceRef } from '@gm/resources-domain';
import { managesUnit } from '../bookings/authorisation.js';
import { refusingOverlaps } from '../bookings/overlap.js';
import { InjectResourcesDatabase, type ResourcesDatabase } from '../database.js';

/**
 * The owning unit's manager blocks the calendar for maintenance. It goes through the same
 * exclusion constraint as bookings: overlapping a pending or approved booking (with its
 * buffers) or another window is a 409; the manager cancels those bookings first.
 */
@Injectable()
export class ScheduleMaintenanceUseCase {
  constructor(
    @InjectResourcesDatabase() private readonly database: ResourcesDatabase,
    private readonly outbox: Outbox,
  ) {}

  async execute(identity: Identity, input: ScheduleMaintenanceInput): Promise<MaintenanceWindow> {
    const resource = await findResource(this.database.db, parseResourceRef(input.resourceId));
    if (!resource) throw AppError.notFound('resource', input.resourceId);
    if (!managesUnit(identity, resource.unit_id)) {
      throw AppError.forbidden('only the owning unit’s resource manager may schedule maintenance');
    }
    const start = new Date(input.start);
    const end = new Date(input.end);
    const id = uuidv7();
    const row = await refusingOverlaps('the maintenance window', () =>
      inTransaction(this.database.db, async (trx) => {
        const window = await insertMaintenanceWindow(trx, {
          id,
          resourceId: resource.id,
          start,
          end,
          reason: input.reason,
          createdBy: identity.id,
        });
        await insertCalendarBlock(trx, {
          id,
          resourceId: resource.id,
          kind: 'maintenance',
          maintenanceId: id,
          start,
          end,
          blockedStart: start,
          blockedEnd: end,
        });
        await this.outbox.add(
          trx,
          MaintenanceScheduled,
          {
            maintenanceId: id,
            resourceId: resource.id,
            resourceCode: resource.code,
            resourceName: resource.name,
            resourceNameEn: resource.name_en,
            unitId: resource.unit_id,
            start: start.toISOString(),
            end: end.toISOString(),
            reason: input.reason,
          },
          { subject: resource.id },
        );
        return window;
      }),
    );
    return {
      id: row.id,
      resourceId: row.resource_id,
      start: row.starts_at.toISOString(),
      end: row.ends_at.toISOString(),
      reason: row.reason,
      createdAt: row.created_at.toISOString(),
    };
  }
}
