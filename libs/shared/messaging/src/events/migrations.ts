import { sql, type Kysely, type Migration } from 'kysely';
import type { Migrations } from '@gm/shared-db';

// Frozen in time: these migrations describe the tables as they were when written and import
// nothing from the code around them. Change the tables only by adding a migration.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the database untyped
type UntypedDb = Kysely<any>;

const m0001_outbox_inbox: Migration = {
  async up(db: UntypedDb) {
    await db.schema
      .createTable('outbox')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('seq', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('payload', 'jsonb', (c) => c.notNull())
      .addColumn('headers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('published_at', 'timestamptz')
      .execute();
    // The relay's queue: small however large the table grows.
    await sql`create index outbox_unpublished on outbox (seq) where published_at is null`.execute(
      db,
    );
    // The retention sweep's range.
    await sql`create index outbox_published_at on outbox (published_at) where published_at is not null`.execute(
      db,
    );
    // One wake-up per statement, on channel <schema>_outbox, so the relay need not poll hard.
    await sql`
      create function outbox_notify() returns trigger language plpgsql as $$
      begin
        perform pg_notify(tg_table_schema || '_outbox', '');
        return null;
      end
      $$`.execute(db);
    await sql`
      create trigger outbox_notify after insert on outbox
      for each statement execute function outbox_notify()`.execute(db);

    await db.schema
      .createTable('inbox')
      .addColumn('consumer', 'text', (c) => c.notNull())
      .addColumn('event_id', 'uuid', (c) => c.notNull())
      .addColumn('processed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('inbox_pk', ['consumer', 'event_id'])
      .execute();
    // The retention sweep's range.
    await sql`create index inbox_processed_at on inbox (processed_at)`.execute(db);
  },
  async down(db: UntypedDb) {
    await db.schema.dropTable('inbox').execute();
    await db.schema.dropTable('outbox').execute();
    await sql`drop function outbox_notify()`.execute(db);
  },
};

/**
 * The messaging lib's own migrations, kept apart from the service's by their own table:
 * `migrateToLatest(database, messagingMigrations, { table: MESSAGING_MIGRATION_TABLE })`.
 */
export const messagingMigrations: Migrations = {
  '0001_outbox_inbox': m0001_outbox_inbox,
};

export const MESSAGING_MIGRATION_TABLE = 'messaging_migration';
