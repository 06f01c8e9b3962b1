import type { HousingUnitStatus } from '@gm/housing-contracts';
import type { Executor } from '@gm/shared-db';
import type { HousingDB, NewBuildingRow, NewProjectRow, NewUnitRow, ProjectRow } from './tables.js';

/** The catalogue's projects (retired ones are not in it), in code order. */
export function listProjects(db: Executor<HousingDB>): Promise<ProjectRow[]> {
  return db
    .selectFrom('projects')
    .selectAll()
    .where('retired_at', 'is', null)
    .orderBy('code')
    .execute();
}

/** Buildings with units not retired, per project (projects without any are absent). */
export async function countBuildingsByProject(
  db: Executor<HousingDB>,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('buildings')
    .innerJoin('units', 'units.building_id', 'buildings.id')
    .where('units.retired_at', 'is', null)
    .select((eb) => [
      'buildings.project_id',
      eb.fn.count<number>('buildings.id').distinct().as('count'),
    ])
    .groupBy('buildings.project_id')
    .execute();
  return new Map(rows.map((r) => [r.project_id, r.count]));
}

export interface UnitStatusCount {
  projectId: string;
  status: HousingUnitStatus;
  count: number;
}

/** Units not retired per project and status (combinations without units are absent). */
export async function countUnitsByProjectAndStatus(
  db: Executor<HousingDB>,
): Promise<UnitStatusCount[]> {
  const rows = await db
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .where('units.retired_at', 'is', null)
    .select((eb) => ['buildings.project_id', 'units.status', eb.fn.countAll<number>().as('count')])
    .groupBy(['buildings.project_id', 'units.status'])
    .execute();
  return rows.map((r) => ({ projectId: r.project_id, status: r.status, count: r.count }));
}

export async function countProjects(db: Executor<HousingDB>): Promise<number> {
  const { count } = await db
    .selectFrom('projects')
    .where('retired_at', 'is', null)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return count;
}

/** Inserts the projects, buildings and units not there yet; returns how many of each were new. */
export async function insertMissingHousingStock(
  db: Executor<HousingDB>,
  stock: { projects: NewProjectRow[]; buildings: NewBuildingRow[]; units: NewUnitRow[] },
): Promise<{ projects: number; buildings: number; units: number }> {
  // Parents first: buildings reference projects, units reference buildings.
  const projects = stock.projects.length
    ? await db
        .insertInto('projects')
        .values(stock.projects)
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .execute()
    : [];
  const buildings = stock.buildings.length
    ? await db
        .insertInto('buildings')
        .values(stock.buildings)
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .execute()
    : [];
  const units = stock.units.length
    ? await db
        .insertInto('units')
        .values(stock.units)
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .execute()
    : [];
  return { projects: projects.length, buildings: buildings.length, units: units.length };
}
