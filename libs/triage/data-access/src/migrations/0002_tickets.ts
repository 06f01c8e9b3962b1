import { sql, type Kysely } from 'kysely';

// Frozen: this file describes the schema as it was on the day it was written.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE SEQUENCE ticket_number_seq`.execute(db);

  await db.schema
    .createTable('tickets')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull().references('ticket_categories.code'))
    .addColumn('details', 'jsonb')
    .addColumn('requester_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`status IN ('submitted','assigned','in-progress','returned','resolved','closed','merged')`,
        ),
    )
    .addColumn('department_id', 'uuid', (c) => c.references('departments.id'))
    .addColumn('assisting_department_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('due_at', 'timestamptz')
    .addColumn('overdue', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('escalated', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('redo_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('resolution', 'text')
    .addColumn('resolution_basis', 'text')
    .addColumn('satisfaction', 'text', (c) =>
      c.check(sql`satisfaction IN ('satisfied','basically-satisfied','unsatisfied')`),
    )
    .addColumn('merged_into_id', 'uuid', (c) => c.references('tickets.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('tickets_requester_idx')
    .on('tickets')
    .columns(['requester_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('tickets_department_idx')
    .on('tickets')
    .columns(['department_id', 'status'])
    .execute();

  await db.schema
    .createTable('ticket_items')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('ticket_id', 'uuid', (c) => c.notNull().references('tickets.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('beneficiary_name', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status IN ('open','resolved','rejected')`),
    )
    .addColumn('resolution', 'text')
    .addColumn('resolved_at', 'timestamptz')
    .addUniqueConstraint('ticket_items_position_key', ['ticket_id', 'position'])
    .execute();

  await db.schema
    .createTable('ticket_history')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('ticket_id', 'uuid', (c) => c.notNull().references('tickets.id'))
    .addColumn('transition', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    // The lead department at the time: metrics attribute the transition to it.
    .addColumn('department_id', 'uuid')
    .addColumn('note', 'jsonb')
    .execute();
  await db.schema
    .createIndex('ticket_history_ticket_idx')
    .on('ticket_history')
    .columns(['ticket_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('ticket_history_at_idx')
    .on('ticket_history')
    .columns(['at'])
    .execute();

  await db.schema
    .createTable('ticket_links')
    .addColumn('ticket_id', 'uuid', (c) => c.notNull().references('tickets.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('ticket_links_pkey', ['ticket_id', 'kind', 'ref_id'])
    .execute();

  await db.schema
    .createTable('triage_sessions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('held_at', 'timestamptz', (c) => c.notNull())
    .addColumn('department_ids', sql`uuid[]`, (c) => c.notNull())
    .addColumn('convener_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('session_agenda')
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('triage_sessions.id'))
    .addColumn('ticket_id', 'uuid', (c) => c.notNull().references('tickets.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) =>
      c.check(sql`outcome IN ('assigned','answered','deferred')`),
    )
    .addColumn('note', 'text')
    .addColumn('recorded_at', 'timestamptz')
    .addPrimaryKeyConstraint('session_agenda_pkey', ['session_id', 'ticket_id'])
    .execute();

  // The supervision ladder: one row per (ticket, rung, deadline), claimed FOR UPDATE SKIP LOCKED.
  await db.schema
    .createTable('supervision_actions')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('ticket_id', 'uuid', (c) => c.notNull().references('tickets.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind IN ('remind','overdue','escalate')`),
    )
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    // The deadline the action belongs to: a new deadline gets new rows, the old ones lapse.
    .addColumn('deadline', 'timestamptz', (c) => c.notNull())
    .addColumn('done_at', 'timestamptz')
    .addColumn('outcome', 'text')
    .addUniqueConstraint('supervision_actions_once', ['ticket_id', 'kind', 'deadline'])
    .execute();
  await sql`CREATE INDEX supervision_actions_due_idx ON supervision_actions (due_at) WHERE done_at IS NULL`.execute(
    db,
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'supervision_actions',
    'session_agenda',
    'triage_sessions',
    'ticket_links',
    'ticket_history',
    'ticket_items',
    'tickets',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`DROP SEQUENCE ticket_number_seq`.execute(db);
}
