import { sql, type Kysely } from 'kysely';

// Frozen: this file describes the schema as it was on the day it was written. Status lists are
// copied here on purpose, so a later change to the contracts cannot rewrite history.

const REVIEW_STATUSES = ['open', 'upheld', 'changed'];
const inList = (column: string, values: string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // PIPL art. 24: an applicant may ask a person to review an automated decision.
  await db.schema
    .createTable('review_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('applications.id'))
    .addColumn('applicant_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(inList('status', REVIEW_STATUSES)))
    .addColumn('decision_note', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One open request per application: a second one waits for the first decision.
  await db.schema
    .createIndex('review_requests_one_open_per_application')
    .on('review_requests')
    .column('application_id')
    .unique()
    .where(sql.ref('status'), '=', 'open')
    .execute();

  // A vacated unit ends its tenancy: the accepted offer stays accepted (history) but no longer
  // holds the unit, so the unit can be offered again.
  await db.schema.alterTable('offers').addColumn('ended_at', 'timestamptz').execute();
  await db.schema.dropIndex('offers_one_live_per_unit').execute();
  await db.schema
    .createIndex('offers_one_live_per_unit')
    .on('offers')
    .column('unit_id')
    .unique()
    .where(
      sql<boolean>`${sql.ref('status')} = 'open' or (${sql.ref('status')} = 'accepted' and ${sql.ref('ended_at')} is null)`,
    )
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('offers_one_live_per_unit').execute();
  await db.schema
    .createIndex('offers_one_live_per_unit')
    .on('offers')
    .column('unit_id')
    .unique()
    .where(sql.ref('status'), 'in', ['open', 'accepted'])
    .execute();
  await db.schema.alterTable('offers').dropColumn('ended_at').execute();
  await db.schema.dropTable('review_requests').execute();
}
