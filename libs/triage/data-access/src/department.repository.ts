import type { Executor } from '@gm/shared-db';
import type { DepartmentRow, NewDepartmentRow, TriageDB } from './tables.js';

export function listDepartments(db: Executor<TriageDB>): Promise<DepartmentRow[]> {
  return db.selectFrom('departments').selectAll().orderBy('code').execute();
}

export async function countDepartments(db: Executor<TriageDB>): Promise<number> {
  const { count } = await db
    .selectFrom('departments')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return count;
}

/** Inserts the departments not there yet (by id or code); returns how many were new. */
export async function insertMissingDepartments(
  db: Executor<TriageDB>,
  departments: NewDepartmentRow[],
): Promise<number> {
  if (departments.length === 0) return 0;
  const inserted = await db
    .insertInto('departments')
    .values(departments)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}

/** The departments among `ids` that exist. */
export async function existingDepartmentIds(
  db: Executor<TriageDB>,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('departments').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}
