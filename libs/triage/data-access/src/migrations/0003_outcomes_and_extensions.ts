import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // The API's outcome name, so the column says what the minutes say.
  await sql`ALTER TABLE session_agenda DROP CONSTRAINT session_agenda_outcome_check`.execute(db);
  await sql`UPDATE session_agenda SET outcome = 'answered-on-the-spot' WHERE outcome = 'answered'`.execute(
    db,
  );
  await sql`ALTER TABLE session_agenda ADD CONSTRAINT session_agenda_outcome_check
    CHECK (outcome IN ('assigned','answered-on-the-spot','deferred'))`.execute(db);

  // 延期申请: a lead department asks for more working days; the convener approves or refuses.
  await db.schema
    .createTable('extension_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('ticket_id', 'uuid', (c) => c.notNull().references('tickets.id'))
    .addColumn('requester_id', 'text', (c) => c.notNull())
    .addColumn('department_id', 'uuid', (c) => c.notNull())
    .addColumn('working_days', 'integer', (c) => c.notNull().check(sql`working_days > 0`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('due_at_before', 'timestamptz')
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status IN ('pending','approved','refused','lapsed')`),
    )
    .addColumn('reviewer_id', 'text')
    .addColumn('review_note', 'text')
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('due_at_after', 'timestamptz')
    .execute();
  // At most one request of a ticket waits for the convener.
  await sql`CREATE UNIQUE INDEX extension_requests_one_pending ON extension_requests (ticket_id) WHERE status = 'pending'`.execute(
    db,
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('extension_requests').execute();
  await sql`ALTER TABLE session_agenda DROP CONSTRAINT session_agenda_outcome_check`.execute(db);
  await sql`UPDATE session_agenda SET outcome = 'answered' WHERE outcome = 'answered-on-the-spot'`.execute(
    db,
  );
  await sql`ALTER TABLE session_agenda ADD CONSTRAINT session_agenda_outcome_check
    CHECK (outcome IN ('assigned','answered','deferred'))`.execute(db);
}
