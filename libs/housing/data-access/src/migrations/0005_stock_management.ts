import { sql, type Kysely } from 'kysely';

// Frozen: this file describes the schema as it was on the day it was written. The reason list
// is copied here on purpose, so a later change to the contracts cannot rewrite history.

const UNAVAILABLE_REASONS = ['maintenance', 'reserved'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // Retired, never deleted: offers, rounds and the stock history keep pointing at the rows.
  await db.schema.alterTable('projects').addColumn('retired_at', 'timestamptz').execute();
  await db.schema
    .alterTable('units')
    .addColumn('retired_at', 'timestamptz')
    // Why an officer took the unit out of allocation; null while available (and for old rows).
    .addColumn('unavailable_reason', 'text', (c) =>
      c.check(
        sql`unavailable_reason is null or unavailable_reason in (${sql.join(
          UNAVAILABLE_REASONS.map((r) => sql.lit(r)),
        )})`,
      ),
    )
    .execute();

  // Who changed what of the stock, and when: `changes` maps each changed field to its value
  // before and after (or the new unit's fields for `added`).
  await db.schema
    .createTable('stock_changes')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id'))
    .addColumn('unit_id', 'uuid', (c) => c.references('units.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('changes', 'jsonb', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('note', 'text')
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('stock_changes_unit_idx')
    .on('stock_changes')
    .columns(['unit_id', 'id'])
    .where(sql.ref('unit_id'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('stock_changes_project_idx')
    .on('stock_changes')
    .columns(['project_id', 'id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('stock_changes').execute();
  await db.schema
    .alterTable('units')
    .dropColumn('unavailable_reason')
    .dropColumn('retired_at')
    .execute();
  await db.schema.alterTable('projects').dropColumn('retired_at').execute();
}
