import { sql, type Transaction, type Updateable } from 'kysely';
import type { Executor } from '@gm/shared-db';
import type {
  HousingDB,
  NewProjectRow,
  NewStockChangeRow,
  NewUnitRow,
  ProjectRow,
  StockChangeRow,
  UnitsTable,
} from './tables.js';

// The housing office's writes to the stock. Rules live in the domain and the use cases.

export function insertProject(
  trx: Transaction<HousingDB>,
  row: NewProjectRow,
): Promise<ProjectRow> {
  return trx.insertInto('projects').values(row).returningAll().executeTakeFirstOrThrow();
}

/** A project, locked against concurrent edits, retirement and unit additions. */
export function lockProject(
  trx: Transaction<HousingDB>,
  id: string,
): Promise<ProjectRow | undefined> {
  return trx.selectFrom('projects').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function updateProject(
  trx: Transaction<HousingDB>,
  id: string,
  columns: { name?: string; name_en?: string; address?: string; retired_at?: Date },
): Promise<ProjectRow> {
  return trx
    .updateTable('projects')
    .set({ ...columns, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The ids of the project's buildings with these codes (code → id), creating the missing ones. */
export async function ensureBuildings(
  trx: Transaction<HousingDB>,
  projectId: string,
  buildings: ReadonlyArray<{ id: string; code: string; name: string }>,
): Promise<Map<string, string>> {
  if (buildings.length === 0) return new Map();
  await trx
    .insertInto('buildings')
    .values(buildings.map((b) => ({ ...b, project_id: projectId })))
    .onConflict((oc) => oc.columns(['project_id', 'code']).doNothing())
    .execute();
  const rows = await trx
    .selectFrom('buildings')
    .select(['id', 'code'])
    .where('project_id', '=', projectId)
    .where(
      'code',
      'in',
      buildings.map((b) => b.code),
    )
    .execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** The units (retired too) the project already has in these buildings: building code and number. */
export function unitsInBuildings(
  db: Executor<HousingDB>,
  projectId: string,
  buildingCodes: readonly string[],
) {
  if (buildingCodes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .where('buildings.project_id', '=', projectId)
    .where('buildings.code', 'in', buildingCodes)
    .select(['buildings.code as building', 'units.number', 'units.retired_at'])
    .execute();
}

export function insertUnits(trx: Transaction<HousingDB>, rows: readonly NewUnitRow[]) {
  if (rows.length === 0) return Promise.resolve([]);
  return trx.insertInto('units').values(rows).returning('id').execute();
}

/** A unit with its building and project, as the housing office manages it. */
const managedUnits = (db: Executor<HousingDB>) =>
  db
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .innerJoin('projects', 'projects.id', 'buildings.project_id')
    .select([
      'units.id',
      'projects.id as project_id',
      'projects.code as project_code',
      'buildings.code as building',
      'units.number',
      'units.floor',
      'units.bedrooms',
      'units.area_sqm',
      'units.monthly_rent',
      'units.status',
      'units.unavailable_reason',
      'units.retired_at',
    ]);
export type ManagedUnitRow = NonNullable<Awaited<ReturnType<typeof findManagedUnit>>>;

export function findManagedUnit(db: Executor<HousingDB>, id: string) {
  return managedUnits(db).where('units.id', '=', id).executeTakeFirst();
}

export function findManagedUnits(db: Executor<HousingDB>, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return managedUnits(db)
    .where('units.id', 'in', ids)
    .orderBy('buildings.code')
    .orderBy(sql`length(${sql.ref('units.number')})`)
    .orderBy('units.number')
    .execute();
}

/** A unit as managed, locked for a change (the allocation lock is the caller's to take first). */
export function lockManagedUnit(trx: Transaction<HousingDB>, id: string) {
  return managedUnits(trx)
    .where('units.id', '=', id)
    .modifyEnd(sql`for update of ${sql.ref('units')}`)
    .executeTakeFirst();
}

/** The project's units not retired yet, locked for its retirement. */
export function lockLiveUnitsOfProject(trx: Transaction<HousingDB>, projectId: string) {
  return trx
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .where('buildings.project_id', '=', projectId)
    .where('units.retired_at', 'is', null)
    .select(['units.id', 'units.status'])
    .modifyEnd(sql`for update of ${sql.ref('units')}`)
    .execute();
}

export async function updateUnit(
  trx: Transaction<HousingDB>,
  ids: readonly string[],
  columns: Pick<
    Updateable<UnitsTable>,
    'bedrooms' | 'area_sqm' | 'monthly_rent' | 'status' | 'unavailable_reason' | 'retired_at'
  >,
): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable('units')
    .set({ ...columns, updated_at: sql<Date>`now()` })
    .where('id', 'in', ids)
    .execute();
}

/**
 * The rounds still running (with an open offer, so a decline or lapse re-runs them on their
 * frozen units) and the units each froze: unit id → round id. Rounds store their frozen units
 * as `frozen.units[].unitId`.
 */
export async function unitsInRunningRounds(
  db: Executor<HousingDB>,
  unitIds: readonly string[],
): Promise<Map<string, string>> {
  const wanted = new Set(unitIds);
  const rounds = await db
    .selectFrom('rounds')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('offers')
          .select('offers.id')
          .whereRef('offers.round_id', '=', 'rounds.id')
          .where('offers.status', '=', 'open'),
      ),
    )
    .select([
      'rounds.id',
      sql<
        string[]
      >`(select coalesce(jsonb_agg(u -> 'unitId'), '[]'::jsonb) from jsonb_array_elements(${sql.ref('rounds.frozen')} -> 'units') as u)`.as(
        'unit_ids',
      ),
    ])
    .orderBy('rounds.id')
    .execute();
  const found = new Map<string, string>();
  for (const round of rounds) {
    for (const unitId of round.unit_ids) {
      if (wanted.has(unitId) && !found.has(unitId)) found.set(unitId, round.id);
    }
  }
  return found;
}

export async function insertStockChanges(
  trx: Transaction<HousingDB>,
  rows: readonly NewStockChangeRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await trx.insertInto('stock_changes').values(rows).execute();
}

/** A unit's history, oldest first. */
export function listUnitChanges(
  db: Executor<HousingDB>,
  unitId: string,
): Promise<StockChangeRow[]> {
  return db
    .selectFrom('stock_changes')
    .selectAll()
    .where('unit_id', '=', unitId)
    .orderBy('id')
    .execute();
}

/** A project's own history (not its units'), oldest first. */
export function listProjectChanges(
  db: Executor<HousingDB>,
  projectId: string,
): Promise<StockChangeRow[]> {
  return db
    .selectFrom('stock_changes')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('unit_id', 'is', null)
    .orderBy('id')
    .execute();
}
