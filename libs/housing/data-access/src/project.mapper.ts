import { HOUSING_UNIT_STATUSES, type HousingProject, type UnitCounts } from '@gm/housing-contracts';
import type { UnitStatusCount } from './project.repository.js';
import type { ProjectRow } from './tables.js';

/** Sums counts per status, with every status present (zero where none). */
export function toUnitCounts(
  counts: readonly Pick<UnitStatusCount, 'status' | 'count'>[],
): UnitCounts {
  const byStatus = Object.fromEntries(
    HOUSING_UNIT_STATUSES.map((s) => [s, 0]),
  ) as UnitCounts['byStatus'];
  for (const { status, count } of counts) byStatus[status] += count;
  return { total: Object.values(byStatus).reduce((sum, n) => sum + n, 0), byStatus };
}

export function toHousingProject(
  row: ProjectRow,
  buildings: number,
  counts: readonly Pick<UnitStatusCount, 'status' | 'count'>[],
): HousingProject {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    address: row.address,
    buildings,
    units: toUnitCounts(counts),
  };
}
