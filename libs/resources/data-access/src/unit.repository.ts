import type { Executor } from '@gm/shared-db';
import type { NewUnitRow, ResourcesDB, UnitRow } from './tables.js';

export function listUnits(db: Executor<ResourcesDB>): Promise<UnitRow[]> {
  return db.selectFrom('units').selectAll().orderBy('code').execute();
}

export async function countUnits(db: Executor<ResourcesDB>): Promise<number> {
  const { count } = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return count;
}

/** Inserts the units not there yet (by id or code); returns how many were new. */
export async function insertMissingUnits(
  db: Executor<ResourcesDB>,
  units: NewUnitRow[],
): Promise<number> {
  if (units.length === 0) return 0;
  const inserted = await db
    .insertInto('units')
    .values(units)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}
