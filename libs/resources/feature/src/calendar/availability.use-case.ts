import { Injectable } from '@nestjs/common';
import { AppError } from '@gm/shared-errors';
import type {
  Availability,
  AvailabilityQuery,
  FreeResource,
  FreeSearch,
} from '@gm/resources-contracts';
import { findResourcePage, listBusy, toResource } from '@gm/resources-data-access';
import { freeStretches, parseResourceRef } from '@gm/resources-domain';
import { ResourceCache } from '../catalogue/resource-cache.js';
import { InjectResourcesDatabase, type ResourcesDatabase } from '../database.js';

/** The most resources a free search looks at: the whole catalogue of a science city. */
const MAX_RESOURCES = 1000;
/** Longer than any buffer a policy sets. */
const MARGIN_MS = 24 * 3_600_000;

/** What is taken, and what is free: public reads with no personal data. */
@Injectable()
export class AvailabilityUseCase {
  constructor(
    @InjectResourcesDatabase() private readonly database: ResourcesDatabase,
    private readonly cache: ResourceCache,
  ) {}

  async busy({ id, from, to }: AvailabilityQuery): Promise<Availability> {
    const resource = await this.cache.find(this.database.db, parseResourceRef(id));
    if (!resource) throw AppError.notFound('resource', id);
    const rows = await listBusy(this.database.db, [resource.id], new Date(from), new Date(to));
    return {
      resourceId: resource.id,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      busy: rows.map((r) => ({
        start: r.starts_at.toISOString(),
        end: r.ends_at.toISOString(),
        // A hold is time kept for a waiting researcher: to everyone else it is booked.
        kind: r.kind === 'maintenance' ? 'maintenance' : 'booking',
      })),
    };
  }

  /**
   * Available resources (filtered by category or unit) with a stretch of `minutes` that a
   * booking could take: inside opening hours, clear of every claim and its buffers.
   */
  async free(search: FreeSearch): Promise<{ items: FreeResource[] }> {
    const from = new Date(search.from);
    const to = new Date(search.to);
    const { rows } = await findResourcePage(
      this.database.db,
      { category: search.category, unitId: search.unitId },
      { limit: MAX_RESOURCES, offset: 0 },
    );
    const candidates = rows
      .map(toResource)
      .filter((r) => r.status === 'available' && r.policy.maxMinutes >= search.minutes);
    // A claim just outside the span can still keep a booking's buffers from fitting inside it.
    const busy = await listBusy(
      this.database.db,
      candidates.map((r) => r.id),
      new Date(from.getTime() - MARGIN_MS),
      new Date(to.getTime() + MARGIN_MS),
    );
    const items: FreeResource[] = [];
    for (const resource of candidates) {
      const blocked = busy
        .filter((b) => b.resource_id === resource.id)
        .map((b) => ({ start: b.blocked_start.getTime(), end: b.blocked_end.getTime() }));
      const free = freeStretches(
        resource.policy,
        blocked,
        { start: from.getTime(), end: to.getTime() },
        Math.max(search.minutes, resource.policy.minMinutes),
      );
      if (free.length === 0) continue;
      items.push({
        resourceId: resource.id,
        code: resource.code,
        name: resource.name,
        nameEn: resource.nameEn,
        category: resource.category,
        unitId: resource.unit.id,
        free: free.map((f) => ({
          start: new Date(f.start).toISOString(),
          end: new Date(f.end).toISOString(),
        })),
      });
    }
    return { items };
  }
}
