import { sql } from 'kysely';
import type { Executor } from '@gm/shared-db';
import type { ResourcesDB } from './tables.js';

/** What the utilisation figures need of a resource: names, owner and opening hours. */
export function listResourcesForStats(db: Executor<ResourcesDB>, filter: { unitId?: string }) {
  return db
    .selectFrom('resources')
    .innerJoin('units', 'units.id', 'resources.unit_id')
    .select([
      'resources.id',
      'resources.code',
      'resources.name',
      'resources.name_en',
      'resources.unit_id',
      'resources.opening_hours',
      'units.code as unit_code',
      'units.name as unit_name',
      'units.name_en as unit_name_en',
    ])
    .$if(filter.unitId !== undefined, (q) => q.where('resources.unit_id', '=', filter.unitId!))
    .orderBy('resources.code')
    .execute();
}

export type StatsResourceRow = Awaited<ReturnType<typeof listResourcesForStats>>[number];

/** Booking hours of one resource inside a range, summed by the database. */
export interface BookingHoursRow {
  resource_id: string;
  booked_hours: number;
  pending_hours: number;
  cancelled_late_count: number;
  cancelled_late_hours: number;
  requested_hours: number;
  outside_hours: number;
}

const rangeOf = (from: Date, to: Date) =>
  sql`tstzrange(${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz)`;

/**
 * Per resource, the hours of its bookings inside `[from, to)` (each booking's span intersected
 * with the range): approved and completed (booked), pending, cancelled less than
 * `lateCancellationHours` before the start (by the time of the cancellation in the history),
 * every request whatever its outcome, and the requests of people outside the owning unit.
 * Resources without bookings in the range have no row.
 */
export async function sumBookingHours(
  db: Executor<ResourcesDB>,
  resourceIds: readonly string[],
  from: Date,
  to: Date,
  lateCancellationHours: number,
): Promise<BookingHoursRow[]> {
  if (resourceIds.length === 0) return [];
  const range = rangeOf(from, to);
  const span = sql`tstzrange(b.starts_at, b.ends_at) * ${range}`;
  const hours = sql`extract(epoch from upper(${span}) - lower(${span})) / 3600`;
  const lateCancelled = sql`b.status = 'cancelled'
    and h.at > b.starts_at - make_interval(hours => ${lateCancellationHours}::int)`;
  const sumWhere = (condition: ReturnType<typeof sql>) =>
    sql<number>`coalesce(sum(${hours}) filter (where ${condition}), 0)::float8`;
  return db
    .selectFrom('bookings as b')
    .innerJoin('resources as r', 'r.id', 'b.resource_id')
    .leftJoin('booking_history as h', (join) =>
      join.onRef('h.booking_id', '=', 'b.id').on('h.action', '=', 'cancelled'),
    )
    .select([
      'b.resource_id',
      sumWhere(sql`b.status in ('approved', 'completed')`).as('booked_hours'),
      sumWhere(sql`b.status = 'pending'`).as('pending_hours'),
      sql<number>`(count(*) filter (where ${lateCancelled}))::int`.as('cancelled_late_count'),
      sumWhere(lateCancelled).as('cancelled_late_hours'),
      sql<number>`coalesce(sum(${hours}), 0)::float8`.as('requested_hours'),
      sumWhere(sql`b.requester_unit_id is distinct from r.unit_id`).as('outside_hours'),
    ])
    .where('b.resource_id', 'in', resourceIds)
    .where(sql<boolean>`tstzrange(b.starts_at, b.ends_at) && ${range}`)
    .groupBy('b.resource_id')
    .execute();
}

/** Maintenance windows of these resources that touch `[from, to)`. */
export function listMaintenanceIn(
  db: Executor<ResourcesDB>,
  resourceIds: readonly string[],
  from: Date,
  to: Date,
): Promise<Array<{ resource_id: string; starts_at: Date; ends_at: Date }>> {
  if (resourceIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('maintenance_windows')
    .select(['resource_id', 'starts_at', 'ends_at'])
    .where('resource_id', 'in', resourceIds)
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .execute();
}
