import { sql, type Kysely } from 'kysely';

// Frozen: this file describes the schema as it was on the day it was written.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // Who changed what of a catalogue entry or its policy, and when: `changes` maps each changed
  // field to its value before and after.
  await db.schema
    .createTable('resource_changes')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('resource_id', 'uuid', (c) => c.notNull().references('resources.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('changes', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('resource_changes_resource_idx')
    .on('resource_changes')
    .columns(['resource_id', 'id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('resource_changes').execute();
}
