import { hasRole, type Identity } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import type { ManagedHousingProject, ManagedUnit, StockChange } from '@gm/housing-contracts';
import {
  toHousingProject,
  type ManagedUnitRow,
  type ProjectRow,
  type StockChangeRow,
  type UnitStatusCount,
} from '@gm/housing-data-access';
import { classIdOf, type UnitState } from '@gm/housing-domain';

/** Housing officers (and admins) manage the stock; the role is checked before any lookup. */
export function requireHousingOfficer(identity: Identity, what: string): void {
  if (!hasRole(identity, 'housing-officer')) {
    throw AppError.forbidden(`only housing officers ${what}`);
  }
}

export function toManagedUnit(row: ManagedUnitRow): ManagedUnit {
  return {
    id: row.id,
    projectId: row.project_id,
    building: row.building,
    number: row.number,
    bedrooms: row.bedrooms,
    areaSqm: row.area_sqm,
    monthlyRent: row.monthly_rent,
    status: row.status,
    floor: row.floor,
    classId: classIdOf({
      projectCode: row.project_code,
      bedrooms: row.bedrooms,
      areaSqm: row.area_sqm,
    }),
    unavailableReason: row.unavailable_reason,
    retiredAt: row.retired_at?.toISOString() ?? null,
  };
}

export function unitStateOf(row: ManagedUnitRow): UnitState {
  return {
    status: row.status,
    bedrooms: row.bedrooms,
    areaSqm: row.area_sqm,
    monthlyRent: row.monthly_rent,
    unavailableReason: row.unavailable_reason,
    retired: row.retired_at !== null,
  };
}

export function toManagedProject(
  row: ProjectRow,
  buildings: number,
  counts: readonly UnitStatusCount[],
): ManagedHousingProject {
  return {
    ...toHousingProject(
      row,
      buildings,
      counts.filter((c) => c.projectId === row.id),
    ),
    retiredAt: row.retired_at?.toISOString() ?? null,
  };
}

export function toStockChange(row: StockChangeRow): StockChange {
  return {
    action: row.action,
    changes: row.changes,
    reason: row.reason,
    note: row.note,
    actorId: row.actor_id,
    at: row.at.toISOString(),
  };
}
