import { sql, type Kysely } from 'kysely';

// Frozen: this file describes the schema as it was on the day it was written. Enum lists are
// copied here on purpose, so a later change to the contracts cannot rewrite history.

const CATEGORIES = ['instrument', 'laboratory', 'facility', 'computing', 'platform'];
const STATUSES = ['available', 'maintenance', 'retired'];
const inList = (values: string[]) => sql.join(values.map((v) => sql.lit(v)));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('units')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('resources')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) =>
      c.notNull().check(sql`category in (${inList(CATEGORIES)})`),
    )
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('available')
        .check(sql`status in (${inList(STATUSES)})`),
    )
    .addColumn('location', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('requires_approval', 'boolean', (c) => c.notNull())
    .addColumn('min_minutes', 'integer', (c) => c.notNull().check(sql`min_minutes > 0`))
    .addColumn('max_minutes', 'integer', (c) => c.notNull())
    .addColumn('slot_minutes', 'integer', (c) => c.notNull().check(sql`slot_minutes > 0`))
    .addColumn('buffer_before_minutes', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`buffer_before_minutes >= 0`),
    )
    .addColumn('buffer_after_minutes', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`buffer_after_minutes >= 0`),
    )
    .addColumn('lead_time_hours', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`lead_time_hours >= 0`),
    )
    .addColumn('max_advance_days', 'integer', (c) => c.notNull().check(sql`max_advance_days > 0`))
    .addColumn('opening_hours', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('required_qualification', 'text')
    .addColumn('monthly_cap_hours_per_unit', 'integer', (c) =>
      c.check(sql`monthly_cap_hours_per_unit > 0`),
    )
    .addColumn('external_share_percent', 'integer', (c) =>
      c.check(sql`external_share_percent between 0 and 100`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('resources_duration_check', sql`max_minutes >= min_minutes`)
    .execute();

  await db.schema.createIndex('resources_unit_id_idx').on('resources').column('unit_id').execute();
  await db.schema
    .createIndex('resources_category_idx')
    .on('resources')
    .column('category')
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('resources').execute();
  await db.schema.dropTable('units').execute();
}
