import { sql, type Kysely } from 'kysely';

// Frozen: this file describes the schema as it was on the day it was written.

const WAITLIST_STATUSES = ['waiting', 'offered', 'booked', 'expired', 'cancelled'];
const HOLD_STATUSES = ['active', 'converted', 'expired'];
const inList = (values: string[]) => sql.join(values.map((v) => sql.lit(v)));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // A unit's grant of a qualification (e.g. cryo-em-training) to a user of any institute.
  await db.schema
    .createTable('qualifications')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('qualifications_grant_unique', ['unit_id', 'name', 'user_id'])
    .execute();

  await db.schema
    .createTable('waitlist_entries')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('resource_id', 'uuid', (c) => c.notNull().references('resources.id'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('user_unit_id', 'uuid')
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in (${inList(WAITLIST_STATUSES)})`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('waitlist_entries_span_check', sql`ends_at > starts_at`)
    .execute();
  // The queue of a resource, first come first served.
  await db.schema
    .createIndex('waitlist_entries_queue_idx')
    .on('waitlist_entries')
    .columns(['resource_id', 'created_at'])
    .where(sql.ref('status'), '=', 'waiting')
    .execute();
  // One open place per person and slot.
  await sql`create unique index waitlist_entries_open_unique on waitlist_entries
      (resource_id, user_id, starts_at, ends_at) where status in ('waiting', 'offered')`.execute(
    db,
  );

  await db.schema
    .createTable('holds')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('waitlist_entry_id', 'uuid', (c) =>
      c.notNull().unique().references('waitlist_entries.id'),
    )
    .addColumn('resource_id', 'uuid', (c) => c.notNull().references('resources.id'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in (${inList(HOLD_STATUSES)})`),
    )
    .addColumn('booking_id', 'uuid', (c) => c.references('bookings.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // The expiry sweep looks for active holds past their time.
  await db.schema
    .createIndex('holds_active_expiry_idx')
    .on('holds')
    .column('expires_at')
    .where(sql.ref('status'), '=', 'active')
    .execute();

  // A hold claims the calendar like a booking, under the same exclusion constraint.
  await sql`alter table calendar_blocks
      add column hold_id uuid unique references holds (id),
      drop constraint calendar_blocks_kind_check,
      add constraint calendar_blocks_kind_check check (kind in ('booking', 'maintenance', 'hold')),
      drop constraint calendar_blocks_owner_check,
      add constraint calendar_blocks_owner_check check (
        (kind = 'booking' and booking_id is not null and maintenance_id is null and hold_id is null)
        or (kind = 'maintenance' and maintenance_id is not null and booking_id is null and hold_id is null)
        or (kind = 'hold' and hold_id is not null and booking_id is null and maintenance_id is null)
      )`.execute(db);

  // Fair-share sums read a unit's hours on a resource per month.
  await db.schema
    .createIndex('bookings_resource_unit_starts_idx')
    .on('bookings')
    .columns(['resource_id', 'requester_unit_id', 'starts_at'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('bookings_resource_unit_starts_idx').execute();
  await sql`delete from calendar_blocks where kind = 'hold'`.execute(db);
  await sql`alter table calendar_blocks
      drop constraint calendar_blocks_owner_check,
      add constraint calendar_blocks_owner_check check (
        (kind = 'booking' and booking_id is not null and maintenance_id is null)
        or (kind = 'maintenance' and maintenance_id is not null and booking_id is null)
      ),
      drop constraint calendar_blocks_kind_check,
      add constraint calendar_blocks_kind_check check (kind in ('booking', 'maintenance')),
      drop column hold_id`.execute(db);
  await db.schema.dropTable('holds').execute();
  await db.schema.dropTable('waitlist_entries').execute();
  await db.schema.dropTable('qualifications').execute();
}
