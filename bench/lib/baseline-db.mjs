// The baseline's own tables, in schema `baseline` of a bench database: a catalogue row to read
// by primary key, a business row to write, and the platform's own outbox table (the messaging
// library's migration, trigger included), so a baseline write does the same database work.
import { randomUUID } from 'node:crypto';
import { createDatabase as openDatabase, migrateToLatest } from '@gm/shared-db';
import { MESSAGING_MIGRATION_TABLE, messagingMigrations } from '@gm/shared-messaging';
import pg from 'pg';

export const BASELINE_SCHEMA = 'baseline';
export const BASELINE_ROWS = 78;

export async function prepareBaselineSchema(url) {
  const database = await openDatabase({
    service: 'bench',
    schema: BASELINE_SCHEMA,
    databaseUrl: url,
  });
  try {
    await migrateToLatest(database, messagingMigrations, { table: MESSAGING_MIGRATION_TABLE });
  } finally {
    await database.close();
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`set search_path = ${BASELINE_SCHEMA}`);
    await client.query(`create table resources (
      id uuid primary key, code text not null unique, name text not null, name_en text not null,
      category text not null, unit_id uuid not null, location text not null, description text not null,
      requires_approval boolean not null, min_minutes int not null, max_minutes int not null,
      buffer_minutes int not null, lead_time_hours int not null, max_advance_days int not null,
      status text not null)`);
    await client.query(`create table records (
      id uuid primary key, resource_id uuid not null, starts_at timestamptz not null,
      ends_at timestamptz not null, purpose text not null, created_at timestamptz not null default now())`);
    const ids = [];
    for (let i = 1; i <= BASELINE_ROWS; i++) {
      const id = randomUUID();
      ids.push(id);
      const code = `GM-R-${String(i).padStart(3, '0')}`;
      await client.query(
        `insert into resources values ($1,$2,$3,$4,'instrument',$5,'光明科学城 B2 栋',$6,false,30,480,15,24,60,'active')`,
        [
          id,
          code,
          `共享仪器 ${i}`,
          `Shared instrument ${i}`,
          randomUUID(),
          `A shared research instrument, number ${i}, of the alliance.`,
        ],
      );
    }
    return ids;
  } finally {
    await client.end();
  }
}

/** Reads a catalogue row by primary key and shapes it as the API does. */
export const READ_SQL = `select id, code, name, name_en, category, unit_id, location, description,
  json_build_object('requiresApproval', requires_approval, 'minMinutes', min_minutes,
    'maxMinutes', max_minutes, 'bufferMinutes', buffer_minutes, 'leadTimeHours', lead_time_hours,
    'maxAdvanceDays', max_advance_days) as policy, status
  from resources where id = $1`;

/** A business row and its outbox row (a CloudEvent) in one statement, as the platform writes them. */
export const WRITE_CTE_SQL = `with r as (
    insert into records (id, resource_id, starts_at, ends_at, purpose) values ($1::uuid, $2::uuid, $3, $4, $5)
    returning id, resource_id, starts_at, ends_at)
  insert into outbox (id, type, subject, payload, headers)
  select $6::uuid, 'resources.evt.booking.created.v1', r.id::text,
    jsonb_build_object('specversion', '1.0', 'id', $6::uuid, 'source', '/guangming/resources',
      'type', 'resources.evt.booking.created.v1', 'subject', r.id::text, 'time', now(),
      'datacontenttype', 'application/json',
      'data', jsonb_build_object('id', r.id, 'resourceId', r.resource_id, 'start', r.starts_at, 'end', r.ends_at)),
    '{}'::jsonb
  from r returning id`;

export const WRITE_RECORD_SQL = `insert into records (id, resource_id, starts_at, ends_at, purpose) values ($1, $2, $3, $4, $5)`;
export const WRITE_OUTBOX_SQL = `insert into outbox (id, type, subject, payload, headers) values ($1, $2, $3, $4, '{}'::jsonb)`;

/** Parameters of one write on a distinct slot. */
export function writeParams(resourceId, n) {
  const start = new Date(Date.UTC(2030, 0, 1) + n * 3_600_000);
  const end = new Date(start.getTime() + 3_600_000);
  return [randomUUID(), resourceId, start, end, 'benchmark', randomUUID()];
}

export function poolFor(url, max = 10, schema = BASELINE_SCHEMA) {
  return new pg.Pool({ connectionString: url, max, options: `-c search_path=${schema}` });
}
