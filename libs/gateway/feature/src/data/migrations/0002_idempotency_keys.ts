import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration imports nothing from the application.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the database untyped
type UntypedDb = Kysely<any>;

export async function up(db: UntypedDb): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    // Keys are per caller: one person's key never replays another person's answer.
    .addColumn('caller', 'text', (col) => col.notNull())
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('fingerprint', 'text', (col) => col.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('response_body', 'jsonb')
    .addColumn('response_headers', 'jsonb')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pkey', ['caller', 'key'])
    .execute();
  await db.schema
    .createIndex('idempotency_keys_expires_at')
    .on('idempotency_keys')
    .column('expires_at')
    .execute();
}

export async function down(db: UntypedDb): Promise<void> {
  await db.schema.dropTable('idempotency_keys').execute();
}
