import {
  sql,
  type ExpressionBuilder,
  type SelectQueryBuilder,
  type Transaction,
  type Updateable,
} from 'kysely';
import type { Executor } from '@gm/shared-db';
import type { ResourceCategory } from '@gm/resources-contracts';
import type { ResourceLookup } from '@gm/resources-domain';
import { containsPattern } from './like-pattern.js';
import type { NewResourceRow, ResourceChangeRow, ResourcesDB, ResourcesTable } from './tables.js';

export interface CatalogueFilter {
  q?: string;
  category?: ResourceCategory;
  unitId?: string;
}

export interface PageWindow {
  limit: number;
  offset: number;
}

type CatalogueQuery = SelectQueryBuilder<ResourcesDB, 'resources' | 'units', object>;

const fromCatalogue = (db: Executor<ResourcesDB>) =>
  db.selectFrom('resources').innerJoin('units', 'units.id', 'resources.unit_id');

/** Every resource column plus its unit's, as one flat row. */
const selectResourceWithUnit = (query: CatalogueQuery) =>
  query
    .selectAll('resources')
    .select([
      'units.code as unit_code',
      'units.name as unit_name',
      'units.name_en as unit_name_en',
    ]);

export type ResourceWithUnitRow = Awaited<
  ReturnType<ReturnType<typeof selectResourceWithUnit>['executeTakeFirstOrThrow']>
>;

function matchesFilter(
  eb: ExpressionBuilder<ResourcesDB, 'resources' | 'units'>,
  filter: CatalogueFilter,
) {
  const conditions = [];
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    conditions.push(
      eb.or([
        eb('resources.name', 'ilike', pattern),
        eb('resources.name_en', 'ilike', pattern),
        eb('resources.description', 'ilike', pattern),
        eb('resources.description_en', 'ilike', pattern),
        eb('resources.code', 'ilike', pattern),
      ]),
    );
  }
  if (filter.category) conditions.push(eb('resources.category', '=', filter.category));
  if (filter.unitId) conditions.push(eb('resources.unit_id', '=', filter.unitId));
  return eb.and(conditions);
}

/** One page of the catalogue in code order, and how many resources match in all. */
export async function findResourcePage(
  db: Executor<ResourcesDB>,
  filter: CatalogueFilter,
  window: PageWindow,
): Promise<{ rows: ResourceWithUnitRow[]; total: number }> {
  const matching = fromCatalogue(db).where((eb) => matchesFilter(eb, filter));
  const [rows, { total }] = await Promise.all([
    selectResourceWithUnit(matching)
      .orderBy('resources.code')
      .limit(window.limit)
      .offset(window.offset)
      .execute(),
    matching.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total };
}

export function findResource(
  db: Executor<ResourcesDB>,
  lookup: ResourceLookup,
): Promise<ResourceWithUnitRow | undefined> {
  const query = selectResourceWithUnit(fromCatalogue(db));
  return (
    lookup.by === 'id'
      ? query.where('resources.id', '=', lookup.id)
      : query.where('resources.code', '=', lookup.code)
  ).executeTakeFirst();
}

/** How many resources there are per value of `column` (values with none are absent). */
export async function countResourcesBy(
  db: Executor<ResourcesDB>,
  column: 'category' | 'status',
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('resources')
    .select((eb) => [eb.ref(column).as('key'), eb.fn.countAll<number>().as('count')])
    .groupBy(column)
    .execute();
  return new Map(rows.map((r) => [r.key, r.count]));
}

/** Inserts the resources not there yet (by id or code); returns how many were new. */
export async function insertMissingResources(
  db: Executor<ResourcesDB>,
  resources: NewResourceRow[],
): Promise<number> {
  if (resources.length === 0) return 0;
  const inserted = await db
    .insertInto('resources')
    .values(resources)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}

/** The resource with its unit, locked until the transaction ends, so edits take turns. */
export function findResourceForUpdate(
  trx: Transaction<ResourcesDB>,
  lookup: ResourceLookup,
): Promise<ResourceWithUnitRow | undefined> {
  const query = selectResourceWithUnit(fromCatalogue(trx)).forUpdate('resources');
  return (
    lookup.by === 'id'
      ? query.where('resources.id', '=', lookup.id)
      : query.where('resources.code', '=', lookup.code)
  ).executeTakeFirst();
}

/** Writes the given columns of a resource and stamps `updated_at`. */
export async function updateResourceColumns(
  trx: Transaction<ResourcesDB>,
  id: string,
  columns: ResourceColumnUpdate,
): Promise<void> {
  await trx
    .updateTable('resources')
    .set({ ...columns, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

export type ResourceColumnUpdate = Omit<
  Updateable<ResourcesTable>,
  'id' | 'code' | 'unit_id' | 'created_at' | 'updated_at'
>;

export async function insertResourceChange(
  trx: Transaction<ResourcesDB>,
  change: {
    resourceId: string;
    actorId: string;
    changes: Record<string, { from: unknown; to: unknown }>;
  },
): Promise<void> {
  await trx
    .insertInto('resource_changes')
    .values({
      resource_id: change.resourceId,
      actor_id: change.actorId,
      changes: JSON.stringify(change.changes),
    })
    .execute();
}

export function listResourceChanges(
  db: Executor<ResourcesDB>,
  resourceId: string,
): Promise<ResourceChangeRow[]> {
  return db
    .selectFrom('resource_changes')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .orderBy('id')
    .execute();
}
