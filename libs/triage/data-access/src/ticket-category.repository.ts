import type { Executor } from '@gm/shared-db';
import type { NewTicketCategoryRow, TriageDB } from './tables.js';

/** The categories in code order, each with its default department's code. */
export function listTicketCategories(db: Executor<TriageDB>) {
  return db
    .selectFrom('ticket_categories')
    .leftJoin('departments', 'departments.id', 'ticket_categories.default_department_id')
    .selectAll('ticket_categories')
    .select('departments.code as default_department_code')
    .orderBy('ticket_categories.code')
    .execute();
}

export type TicketCategoryRow = Awaited<ReturnType<typeof listTicketCategories>>[number];

export async function countTicketCategories(db: Executor<TriageDB>): Promise<number> {
  const { count } = await db
    .selectFrom('ticket_categories')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return count;
}

/** Inserts the categories not there yet (by code); returns how many were new. */
export async function insertMissingTicketCategories(
  db: Executor<TriageDB>,
  categories: NewTicketCategoryRow[],
): Promise<number> {
  if (categories.length === 0) return 0;
  const inserted = await db
    .insertInto('ticket_categories')
    .values(categories)
    .onConflict((oc) => oc.doNothing())
    .returning('code')
    .execute();
  return inserted.length;
}

export function findTicketCategory(db: Executor<TriageDB>, code: string) {
  return db
    .selectFrom('ticket_categories')
    .leftJoin('departments', 'departments.id', 'ticket_categories.default_department_id')
    .selectAll('ticket_categories')
    .select('departments.code as default_department_code')
    .where('ticket_categories.code', '=', code)
    .executeTakeFirst();
}
