import { sql, type Kysely } from 'kysely';

// Frozen: this file describes the schema as it was on the day it was written. Status lists are
// copied here on purpose, so a later change to the contracts cannot rewrite history.

const APPLICATION_STATUSES = ['active', 'offered', 'housed', 'withdrawn'];
const OFFER_STATUSES = ['open', 'accepted', 'declined', 'expired', 'superseded'];
const inList = (column: string, values: string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('applications')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('applicant_id', 'text', (c) => c.notNull())
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('id_number', 'text')
    .addColumn('phone', 'text')
    .addColumn('talent_tier', 'text', (c) => c.notNull())
    .addColumn('tier_rank', 'integer', (c) => c.notNull())
    .addColumn('employer_unit_id', 'uuid')
    .addColumn('household_size', 'integer', (c) => c.notNull())
    .addColumn('preferred_project_ids', 'jsonb', (c) => c.notNull())
    .addColumn('class_ids', 'jsonb', (c) => c.notNull())
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('base_date', 'date', (c) => c.notNull())
    .addColumn('policy_version', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(inList('status', APPLICATION_STATUSES)))
    .addColumn('ticket_id', 'uuid', (c) => c.unique())
    .addColumn('note', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One live application per talent: a second one is a conflict, not a duplicate queue place.
  await db.schema
    .createIndex('applications_one_live_per_applicant')
    .on('applications')
    .column('applicant_id')
    .unique()
    .where(sql.ref('status'), 'in', ['active', 'offered'])
    .execute();
  await db.schema
    .createIndex('applications_status_idx')
    .on('applications')
    .columns(['status', 'created_at'])
    .execute();

  await db.schema
    .createTable('application_history')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('applications.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('application_history_application_idx')
    .on('application_history')
    .column('application_id')
    .execute();

  await db.schema
    .createTable('rounds')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('policy_version', 'text', (c) => c.notNull())
    .addColumn('project_ids', 'jsonb', (c) => c.notNull())
    .addColumn('seed_commitment', 'text', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('frozen', 'jsonb', (c) => c.notNull())
    .addColumn('input_digest', 'text', (c) => c.notNull())
    .addColumn('result_digest', 'text', (c) => c.notNull())
    .addColumn('proof', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('round_entries')
    .addColumn('round_id', 'uuid', (c) => c.notNull().references('rounds.id'))
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('applications.id'))
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('lottery', 'text', (c) => c.notNull())
    .addColumn('masked_name', 'text', (c) => c.notNull())
    .addColumn('talent_tier', 'text', (c) => c.notNull())
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('base_date', 'date', (c) => c.notNull())
    .addColumn('explanation', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('round_entries_pkey', ['round_id', 'application_id'])
    .addUniqueConstraint('round_entries_round_rank_key', ['round_id', 'rank'])
    .execute();
  await db.schema
    .createIndex('round_entries_application_idx')
    .on('round_entries')
    .column('application_id')
    .execute();

  await db.schema
    .createTable('offers')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('round_id', 'uuid', (c) => c.notNull().references('rounds.id'))
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('applications.id'))
    .addColumn('applicant_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('class_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(inList('status', OFFER_STATUSES)))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // A dwelling is held by at most one live offer, an application by at most one open offer.
  await db.schema
    .createIndex('offers_one_live_per_unit')
    .on('offers')
    .column('unit_id')
    .unique()
    .where(sql.ref('status'), 'in', ['open', 'accepted'])
    .execute();
  await db.schema
    .createIndex('offers_one_open_per_application')
    .on('offers')
    .column('application_id')
    .unique()
    .where(sql.ref('status'), '=', 'open')
    .execute();
  await db.schema
    .createIndex('offers_open_expiry_idx')
    .on('offers')
    .column('expires_at')
    .where(sql.ref('status'), '=', 'open')
    .execute();
  await db.schema.createIndex('offers_round_idx').on('offers').column('round_id').execute();

  await db.schema
    .createTable('strikes')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('applicant_id', 'text', (c) => c.notNull())
    .addColumn('offer_id', 'uuid', (c) => c.notNull().unique().references('offers.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('strikes_applicant_idx')
    .on('strikes')
    .columns(['applicant_id', 'at'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'strikes',
    'offers',
    'round_entries',
    'rounds',
    'application_history',
    'applications',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
