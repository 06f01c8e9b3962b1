import { Injectable } from '@nestjs/common';
import { AppError } from '@gm/shared-errors';
import type { CalendarFeed } from '@gm/resources-contracts';
import { findResource, listBusy } from '@gm/resources-data-access';
import { DAY_MS, parseResourceRef, serializeCalendar } from '@gm/resources-domain';
import { InjectResourcesDatabase, type ResourcesDatabase } from '../database.js';

/** How far back and ahead the feed reaches. */
const PAST_DAYS = 30;
const AHEAD_DAYS = 180;

/**
 * A resource's busy times as an iCalendar feed for calendar apps: one event per calendar block
 * (bookings and holds as "Busy", maintenance as "Maintenance"), in UTC, naming nobody.
 */
@Injectable()
export class CalendarFeedUseCase {
  constructor(@InjectResourcesDatabase() private readonly database: ResourcesDatabase) {}

  async execute(ref: string, now: Date = new Date()): Promise<CalendarFeed> {
    const resource = await findResource(this.database.db, parseResourceRef(ref));
    if (!resource) throw AppError.notFound('resource', ref);
    const blocks = await listBusy(
      this.database.db,
      [resource.id],
      new Date(now.getTime() - PAST_DAYS * DAY_MS),
      new Date(now.getTime() + AHEAD_DAYS * DAY_MS),
    );
    const ics = serializeCalendar({
      name: `${resource.code} ${resource.name}`,
      generatedAt: now,
      events: blocks.map((b) => ({
        uid: `${b.id}@resources.guangming`,
        start: b.starts_at,
        end: b.ends_at,
        summary: b.kind === 'maintenance' ? 'Maintenance' : 'Busy',
      })),
    });
    return { resourceId: resource.id, fileName: `${resource.code}.ics`, ics };
  }
}
