import { sql, type Kysely } from 'kysely';

// Frozen: this file describes the schema as it was on the day it was written.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // 首次联系: the response deadline set at each dispatch, and the first contact since it.
  await db.schema
    .alterTable('tickets')
    .addColumn('response_due_at', 'timestamptz')
    .addColumn('contacted_at', 'timestamptz')
    .execute();
  // Intake looks for duplicates among the open tickets of a category, newest first.
  await sql`CREATE INDEX tickets_open_by_category_idx ON tickets (category, created_at DESC)
    WHERE status NOT IN ('closed', 'merged')`.execute(db);

  // Each beneficiary's item is settled on its own, with an outcome and its basis.
  await db.schema
    .alterTable('ticket_items')
    .addColumn('outcome', 'text', (c) =>
      c.check(sql`outcome IN ('granted','partially-granted','refused','withdrawn')`),
    )
    .addColumn('basis', 'text')
    .addColumn('resolved_by', 'text')
    .execute();
  await db.schema
    .createIndex('ticket_items_status_idx')
    .on('ticket_items')
    .columns(['ticket_id', 'status', 'position'])
    .execute();
  // Every decision on an item, oldest first (an item may be decided again after a redo).
  await db.schema
    .createTable('ticket_item_decisions')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('item_id', 'uuid', (c) => c.notNull().references('ticket_items.id'))
    .addColumn('ticket_id', 'uuid', (c) => c.notNull().references('tickets.id'))
    .addColumn('outcome', 'text', (c) =>
      c.notNull().check(sql`outcome IN ('granted','partially-granted','refused','withdrawn')`),
    )
    .addColumn('reply', 'text', (c) => c.notNull())
    .addColumn('basis', 'text')
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ticket_item_decisions_item_idx')
    .on('ticket_item_decisions')
    .columns(['item_id', 'seq'])
    .execute();

  // 并单 suggestions: a pair of tickets that look alike, from the newer one's intake.
  await db.schema
    .createTable('duplicate_suggestions')
    .addColumn('ticket_id', 'uuid', (c) => c.notNull().references('tickets.id'))
    .addColumn('candidate_id', 'uuid', (c) => c.notNull().references('tickets.id'))
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('reasons', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status IN ('open','dismissed','merged','lapsed')`),
    )
    .addColumn('suggested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolved_by', 'text')
    .addColumn('resolution_note', 'text')
    .addPrimaryKeyConstraint('duplicate_suggestions_pkey', ['ticket_id', 'candidate_id'])
    .addCheckConstraint('duplicate_suggestions_pair', sql`ticket_id <> candidate_id`)
    .execute();
  // One suggestion per pair, whichever side it was raised from.
  await sql`CREATE UNIQUE INDEX duplicate_suggestions_pair_key ON duplicate_suggestions
    (LEAST(ticket_id, candidate_id), GREATEST(ticket_id, candidate_id))`.execute(db);
  await db.schema
    .createIndex('duplicate_suggestions_candidate_idx')
    .on('duplicate_suggestions')
    .columns(['candidate_id'])
    .execute();

  // The contact reminder is a rung of the supervision ladder keyed by the response deadline.
  await sql`ALTER TABLE supervision_actions DROP CONSTRAINT supervision_actions_kind_check`.execute(
    db,
  );
  await sql`ALTER TABLE supervision_actions ADD CONSTRAINT supervision_actions_kind_check
    CHECK (kind IN ('remind','overdue','escalate','contact-remind'))`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM supervision_actions WHERE kind = 'contact-remind'`.execute(db);
  await sql`ALTER TABLE supervision_actions DROP CONSTRAINT supervision_actions_kind_check`.execute(
    db,
  );
  await sql`ALTER TABLE supervision_actions ADD CONSTRAINT supervision_actions_kind_check
    CHECK (kind IN ('remind','overdue','escalate'))`.execute(db);
  await db.schema.dropTable('duplicate_suggestions').execute();
  await db.schema.dropTable('ticket_item_decisions').execute();
  await db.schema.dropIndex('ticket_items_status_idx').execute();
  await db.schema
    .alterTable('ticket_items')
    .dropColumn('outcome')
    .dropColumn('basis')
    .dropColumn('resolved_by')
    .execute();
  await db.schema.dropIndex('tickets_open_by_category_idx').execute();
  await db.schema
    .alterTable('tickets')
    .dropColumn('response_due_at')
    .dropColumn('contacted_at')
    .execute();
}
