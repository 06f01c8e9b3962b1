import { sql, type Transaction } from 'kysely';
import type { HousingUnitStatus } from '@gm/housing-contracts';
import type { Executor } from '@gm/shared-db';
import type { HousingDB, ProjectRow } from './tables.js';

export function findProject(db: Executor<HousingDB>, id: string): Promise<ProjectRow | undefined> {
  return db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findProjects(
  db: Executor<HousingDB>,
  ids: readonly string[],
): Promise<ProjectRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('projects').selectAll().where('id', 'in', ids).execute();
}

export interface UnitListFilter {
  projectId: string;
  status?: HousingUnitStatus | undefined;
  limit: number;
  offset: number;
}

/** A project's units (not retired) with their building code, in building and number order. */
export async function listProjectUnits(db: Executor<HousingDB>, filter: UnitListFilter) {
  let query = db
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .where('buildings.project_id', '=', filter.projectId)
    .where('units.retired_at', 'is', null);
  if (filter.status) query = query.where('units.status', '=', filter.status);
  const [rows, { total }] = await Promise.all([
    query
      .select([
        'units.id',
        'buildings.project_id',
        'buildings.code as building',
        'units.number',
        'units.bedrooms',
        'units.area_sqm',
        'units.monthly_rent',
        'units.status',
      ])
      .orderBy('buildings.code')
      .orderBy(sql`length(${sql.ref('units.number')})`)
      .orderBy('units.number')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total };
}

export interface UnitLayout {
  projectId: string;
  projectCode: string;
  bedrooms: number;
  areaSqm: number;
}

/** The distinct layouts (bedrooms × area) of each project, whatever their status, retired units aside. */
export async function unitLayoutsOf(
  db: Executor<HousingDB>,
  projectIds: readonly string[],
): Promise<UnitLayout[]> {
  if (projectIds.length === 0) return [];
  const rows = await db
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .innerJoin('projects', 'projects.id', 'buildings.project_id')
    .where('projects.id', 'in', projectIds)
    .where('units.retired_at', 'is', null)
    .select(['projects.id', 'projects.code', 'units.bedrooms', 'units.area_sqm'])
    .distinct()
    .execute();
  return rows.map((r) => ({
    projectId: r.id,
    projectCode: r.code,
    bedrooms: r.bedrooms,
    areaSqm: r.area_sqm,
  }));
}

/** Where a unit is, by name: project, building and number. */
export interface UnitPlace {
  unitId: string;
  projectId: string;
  projectCode: string;
  projectName: string;
  projectNameEn: string;
  building: string;
  number: string;
  bedrooms: number;
  areaSqm: number;
}

const unitPlaces = (db: Executor<HousingDB>) =>
  db
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .innerJoin('projects', 'projects.id', 'buildings.project_id')
    .select([
      'units.id as unitId',
      'projects.id as projectId',
      'projects.code as projectCode',
      'projects.name as projectName',
      'projects.name_en as projectNameEn',
      'buildings.code as building',
      'units.number',
      'units.bedrooms',
      'units.area_sqm as areaSqm',
    ]);

export function findUnitPlaces(
  db: Executor<HousingDB>,
  unitIds: readonly string[],
): Promise<UnitPlace[]> {
  if (unitIds.length === 0) return Promise.resolve([]);
  return unitPlaces(db).where('units.id', 'in', unitIds).execute();
}

/** The available units of the projects, locked for the round that freezes them. */
export function lockAvailableUnits(
  trx: Transaction<HousingDB>,
  projectIds: readonly string[],
): Promise<UnitPlace[]> {
  return unitPlaces(trx)
    .where('projects.id', 'in', projectIds)
    .where('units.status', '=', 'available')
    .modifyEnd(sql`for update of ${sql.ref('units')}`)
    .execute();
}

export async function setUnitStatus(
  trx: Transaction<HousingDB>,
  unitIds: readonly string[],
  status: HousingUnitStatus,
): Promise<void> {
  if (unitIds.length === 0) return;
  await trx
    .updateTable('units')
    .set({ status, updated_at: sql<Date>`now()` })
    .where('id', 'in', unitIds)
    .execute();
}

/**
 * Serialises everything that hands out dwellings (rounds, re-runs): a transaction-scoped advisory
 * lock, so two rounds never offer the same unit or the same applicant.
 */
export async function lockAllocation(trx: Transaction<HousingDB>): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended('housing:allocation', 0))`.execute(trx);
}

/** A unit with its project and status, locked for a change of status. */
export function lockUnit(trx: Transaction<HousingDB>, id: string) {
  return trx
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .where('units.id', '=', id)
    .select([
      'units.id',
      'buildings.project_id',
      'buildings.code as building',
      'units.number',
      'units.bedrooms',
      'units.area_sqm',
      'units.monthly_rent',
      'units.status',
    ])
    .modifyEnd(sql`for update of ${sql.ref('units')}`)
    .executeTakeFirst();
}

/** Ends the tenancy of the unit's accepted offer, if it has one; returns that offer. */
export function endTenancy(trx: Transaction<HousingDB>, unitId: string, at: Date) {
  return trx
    .updateTable('offers')
    .set({ ended_at: at })
    .where('unit_id', '=', unitId)
    .where('status', '=', 'accepted')
    .where('ended_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
