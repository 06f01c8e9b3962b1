import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration imports nothing from the application.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the database untyped
type UntypedDb = Kysely<any>;

export async function up(db: UntypedDb): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('username', 'text', (col) => col.notNull().unique())
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('roles', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('unit_id', 'uuid')
    .addColumn('department_id', 'uuid')
    .addColumn('display_name', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: UntypedDb): Promise<void> {
  await db.schema.dropTable('users').execute();
}
