import { sql, type Kysely } from 'kysely';

// Frozen: this file describes the schema as it was on the day it was written.

const BOOKING_STATUSES = ['pending', 'approved', 'rejected', 'cancelled', 'completed'];
const BOOKING_ACTIONS = ['requested', 'approved', 'rejected', 'cancelled', 'completed'];
const inList = (values: string[]) => sql.join(values.map((v) => sql.lit(v)));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bookings')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('resource_id', 'uuid', (c) => c.notNull().references('resources.id'))
    .addColumn('requester_id', 'text', (c) => c.notNull())
    .addColumn('requester_unit_id', 'uuid')
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in (${inList(BOOKING_STATUSES)})`),
    )
    .addColumn('reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('bookings_span_check', sql`ends_at > starts_at`)
    .execute();
  await db.schema
    .createIndex('bookings_resource_starts_idx')
    .on('bookings')
    .columns(['resource_id', 'starts_at'])
    .execute();
  await db.schema
    .createIndex('bookings_requester_idx')
    .on('bookings')
    .column('requester_id')
    .execute();
  // The completion sweep looks for approved bookings that have ended.
  await db.schema
    .createIndex('bookings_approved_ends_idx')
    .on('bookings')
    .column('ends_at')
    .where(sql.ref('status'), '=', 'approved')
    .execute();

  await db.schema
    .createTable('booking_history')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('booking_id', 'uuid', (c) => c.notNull().references('bookings.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('action', 'text', (c) =>
      c.notNull().check(sql`action in (${inList(BOOKING_ACTIONS)})`),
    )
    .addColumn('actor_id', 'text')
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('booking_history_booking_idx')
    .on('booking_history')
    .columns(['booking_id', 'id'])
    .execute();

  await db.schema
    .createTable('maintenance_windows')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('resource_id', 'uuid', (c) => c.notNull().references('resources.id'))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('maintenance_windows_span_check', sql`ends_at > starts_at`)
    .execute();

  // Every claim on a resource's time, bookings and maintenance alike, in one table, so a single
  // exclusion constraint keeps them all apart. `blocked` is the span with the booking's buffers.
  await sql`create table calendar_blocks (
      id uuid primary key,
      resource_id uuid not null references resources (id),
      kind text not null check (kind in ('booking', 'maintenance')),
      booking_id uuid unique references bookings (id),
      maintenance_id uuid unique references maintenance_windows (id),
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      blocked tstzrange not null,
      constraint calendar_blocks_owner_check check (
        (kind = 'booking' and booking_id is not null and maintenance_id is null)
        or (kind = 'maintenance' and maintenance_id is not null and booking_id is null)
      ),
      constraint calendar_blocks_span_check check (
        lower(blocked) <= starts_at and upper(blocked) >= ends_at and ends_at > starts_at
      ),
      constraint calendar_blocks_no_overlap exclude using gist (resource_id with =, blocked with &&)
    )`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calendar_blocks').execute();
  await db.schema.dropTable('maintenance_windows').execute();
  await db.schema.dropTable('booking_history').execute();
  await db.schema.dropTable('bookings').execute();
}
