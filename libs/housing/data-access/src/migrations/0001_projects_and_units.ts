import { sql, type Kysely } from 'kysely';

// Frozen: this file describes the schema as it was on the day it was written. The status list
// is copied here on purpose, so a later change to the contracts cannot rewrite history.

const UNIT_STATUSES = ['available', 'offered', 'allocated', 'unavailable'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('projects')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('buildings')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('buildings_project_code_key', ['project_id', 'code'])
    .execute();

  await db.schema
    .createTable('units')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('building_id', 'uuid', (c) => c.notNull().references('buildings.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('floor', 'integer', (c) => c.notNull())
    .addColumn('bedrooms', 'integer', (c) => c.notNull().check(sql`bedrooms between 0 and 10`))
    .addColumn('area_sqm', sql`numeric(7, 2)`, (c) => c.notNull().check(sql`area_sqm > 0`))
    .addColumn('monthly_rent', sql`numeric(10, 2)`, (c) =>
      c.notNull().check(sql`monthly_rent >= 0`),
    )
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('available')
        .check(sql`status in (${sql.join(UNIT_STATUSES.map((s) => sql.lit(s)))})`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('units_building_number_key', ['building_id', 'number'])
    .execute();

  await db.schema.createIndex('units_status_idx').on('units').column('status').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('units').execute();
  await db.schema.dropTable('buildings').execute();
  await db.schema.dropTable('projects').execute();
}
