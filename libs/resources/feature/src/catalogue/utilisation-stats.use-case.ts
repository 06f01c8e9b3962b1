import { Injectable } from '@nestjs/common';
import type { Identity } from '@gm/shared-contracts';
import {
  LATE_CANCELLATION_HOURS,
  type StatsQuery,
  type UtilisationStats,
} from '@gm/resources-contracts';
import {
  listMaintenanceIn,
  listResourcesForStats,
  sumBookingHours,
  toUnit,
  type StatsResourceRow,
} from '@gm/resources-data-access';
import {
  NO_UTILISATION,
  addTotals,
  availableHours,
  toFigures,
  type Interval,
  type UtilisationTotals,
} from '@gm/resources-domain';
import { InjectResourcesDatabase, type ResourcesDatabase } from '../database.js';

type Detail = UtilisationStats['detail'];

/** Admins see every resource; a unit's manager its own; everyone else per-unit sums only. */
function detailFor(identity: Identity): Detail {
  if (identity.roles.includes('admin')) return 'all';
  if (identity.roles.includes('resource-manager') && identity.unitId) return 'unit';
  return 'aggregate';
}

/**
 * Utilisation over `[from, to)`: the database sums booking hours (span ∩ range) per resource,
 * the domain computes available hours (opening hours in Asia/Shanghai minus maintenance) and
 * the ratios. Per-unit and overall figures are sums over resources, whatever the caller's
 * detail; per-resource rows only where the caller may see them.
 */
@Injectable()
export class UtilisationStatsUseCase {
  constructor(@InjectResourcesDatabase() private readonly database: ResourcesDatabase) {}

  async execute(identity: Identity, query: StatsQuery): Promise<UtilisationStats> {
    const { db } = this.database;
    const window: Interval = { start: Date.parse(query.from), end: Date.parse(query.to) };
    const [from, to] = [new Date(window.start), new Date(window.end)];
    const resources = await listResourcesForStats(db, { unitId: query.unitId });
    const ids = resources.map((r) => r.id);
    const [hours, maintenance] = await Promise.all([
      sumBookingHours(db, ids, from, to, LATE_CANCELLATION_HOURS),
      listMaintenanceIn(db, ids, from, to),
    ]);
    const hoursOf = new Map(hours.map((h) => [h.resource_id, h]));
    const maintenanceOf = groupBy(maintenance, (m) => m.resource_id);

    const totalsOf = (resource: StatsResourceRow): UtilisationTotals => {
      const booked = hoursOf.get(resource.id);
      const windows = (maintenanceOf.get(resource.id) ?? []).map((m) => ({
        start: m.starts_at.getTime(),
        end: m.ends_at.getTime(),
      }));
      return {
        availableHours: availableHours(resource.opening_hours, window, windows),
        bookedHours: booked?.booked_hours ?? 0,
        pendingHours: booked?.pending_hours ?? 0,
        cancelledLateCount: booked?.cancelled_late_count ?? 0,
        cancelledLateHours: booked?.cancelled_late_hours ?? 0,
        requestedHours: booked?.requested_hours ?? 0,
        outsideHours: booked?.outside_hours ?? 0,
      };
    };

    const detail = detailFor(identity);
    const perResource = resources.map((resource) => ({ resource, totals: totalsOf(resource) }));
    const units = new Map<
      string,
      { row: StatsResourceRow; count: number; totals: UtilisationTotals }
    >();
    let total = NO_UTILISATION;
    for (const { resource, totals } of perResource) {
      const unit = units.get(resource.unit_id) ?? {
        row: resource,
        count: 0,
        totals: NO_UTILISATION,
      };
      units.set(resource.unit_id, {
        row: unit.row,
        count: unit.count + 1,
        totals: addTotals(unit.totals, totals),
      });
      total = addTotals(total, totals);
    }

    const visible = (resource: StatsResourceRow) =>
      detail === 'all' || (detail === 'unit' && resource.unit_id === identity.unitId);
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      lateCancellationHours: LATE_CANCELLATION_HOURS,
      detail,
      resources: perResource
        .filter(({ resource }) => visible(resource))
        .map(({ resource, totals }) => ({
          resourceId: resource.id,
          code: resource.code,
          name: resource.name,
          nameEn: resource.name_en,
          unitId: resource.unit_id,
          ...toFigures(totals),
        })),
      units: [...units.values()]
        .sort((a, b) => a.row.unit_code.localeCompare(b.row.unit_code))
        .map(({ row, count, totals }) => ({
          unit: toUnit({
            id: row.unit_id,
            code: row.unit_code,
            name: row.unit_name,
            name_en: row.unit_name_en,
          }),
          resources: count,
          ...toFigures(totals),
        })),
      total: toFigures(total),
    };
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
