// Availability of one resource over a month, `GET /api/resources/:id/availability?from&to`
// through the gateway, with 1,000,000 bookings in the table, against the same query through the
// hand-written stack (Fastify → raw NATS → raw responder → pg, on the same database: comparable
// with the catalogue read's ratio), and that stack against the query in raw SQL through node-pg.
// The query is the repository's own (`listBusy`, captured from Kysely's log); its
// `EXPLAIN (ANALYZE)` is printed and must scan an index of calendar_blocks, not the table.
/* global performance, URLSearchParams */
import { listBusy } from '@gm/resources-data-access';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { resolve } from 'node:path';
import {
  BENCH_DIR,
  closedLoop,
  freePort,
  repeated,
  settings,
  uniqueName,
  using,
} from '../lib/common.mjs';
import { httpBench } from '../lib/http-load.mjs';
import { peakRss, startPlatform } from '../lib/platform.mjs';

export const description =
  'GET /api/resources/:id/availability over a month with 1,000,000 bookings (EXPLAIN-checked) vs raw SQL';

/** Bookings loaded in the table (BENCH_BOOKINGS to change). */
const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 1_000_000);
const BATCH = 100_000;
/**
 * Every resource gets a booking of one hour every eight hours from this day on (1,000,000 over 78
 * resources ≈ 11.7 years), its calendar claim with an hour of buffer on each side: no two claims
 * of a resource overlap, and none meets the demo data, which lies around today.
 */
const FROM_DAY = '2040-01-01T00:00:00Z';
const EVERY_MS = 8 * 3_600_000;

/** The calendar month in the middle of the loaded span. */
function middleMonth(resourceCount) {
  const middle = new Date(Date.parse(FROM_DAY) + (BOOKINGS / resourceCount / 2) * EVERY_MS);
  const from = Date.UTC(middle.getUTCFullYear(), middle.getUTCMonth(), 1);
  const to = Date.UTC(middle.getUTCFullYear(), middle.getUTCMonth() + 1, 1);
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/** Rows `offset` … `offset + count - 1`: bookings and their calendar claims, one statement each. */
async function loadBatch(client, offset, count) {
  const rows = `
    with r as (select array_agg(id order by code) as ids, count(*)::int as n from resources.resources),
    s as (
      select md5('bench-booking-' || i)::uuid as id, r.ids[1 + i % r.n] as resource_id,
        $3::timestamptz + (i / r.n) * $4::interval as starts_at
      from r, generate_series($1::int, $1::int + $2::int - 1) as i)`;
  await client.query('begin');
  // Generated consistent (every claim's booking and resource exist): the foreign-key triggers,
  // two lookups per row, only slow the load down. Needs a superuser; without one they run.
  await client
    .query(`set local session_replication_role = replica`)
    .catch(() => client.query('rollback').then(() => client.query('begin')));
  await client.query(
    `${rows}
    insert into resources.bookings (id, resource_id, requester_id, starts_at, ends_at, purpose, status)
    select id, resource_id, 'bench-researcher', starts_at, starts_at + interval '1 hour',
      'benchmark', 'approved' from s`,
    [offset, count, FROM_DAY, `${EVERY_MS / 1000} seconds`],
  );
  await client.query(
    `${rows}
    insert into resources.calendar_blocks (id, resource_id, kind, booking_id, starts_at, ends_at, blocked)
    select id, resource_id, 'booking', id, starts_at, starts_at + interval '1 hour',
      tstzrange(starts_at - interval '1 hour', starts_at + interval '2 hours') from s`,
    [offset, count, FROM_DAY, `${EVERY_MS / 1000} seconds`],
  );
  await client.query('commit');
}

/** Every plan node, depth first. */
function* nodesOf(plan) {
  yield plan;
  for (const child of plan.Plans ?? []) yield* nodesOf(child);
}

export async function run(ctx) {
  return using(async (defer) => {
    const platform = await startPlatform(ctx, defer, ['resources', 'gateway']);
    const url = platform.databases.resources;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    defer(() => client.end());

    const loadStarted = performance.now();
    for (let offset = 0; offset < BOOKINGS; offset += BATCH) {
      await loadBatch(client, offset, Math.min(BATCH, BOOKINGS - offset));
    }
    await client.query('analyze resources.bookings, resources.calendar_blocks');
    const loadS = (performance.now() - loadStarted) / 1000;
    const { rows: counts } = await client.query(
      'select count(*)::int as n from resources.calendar_blocks',
    );
    console.log(`  loaded ${BOOKINGS.toLocaleString('en-US')} bookings in ${loadS.toFixed(0)} s`);
    if (counts[0].n < BOOKINGS) throw new Error(`only ${counts[0].n} calendar claims loaded`);
    const { rows: resources } = await client.query(
      `select id, code from resources.resources order by code`,
    );
    const resourceId = resources.find((r) => r.code === 'GM-R-002').id;
    const MONTH = middleMonth(resources.length);

    // The repository's query as the service sends it, captured from Kysely's log.
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      options: '-c search_path=resources',
    });
    let query;
    const kysely = new Kysely({
      dialect: new PostgresDialect({ pool }),
      log: (event) => (query = event.query),
    });
    defer(() => kysely.destroy());
    const busy = await listBusy(kysely, [resourceId], new Date(MONTH.from), new Date(MONTH.to));
    if (busy.length < 80) throw new Error(`only ${busy.length} busy spans in the month`);

    const explain = async (format) =>
      (
        await pool.query(
          `explain (analyze, buffers, format ${format}) ${query.sql}`,
          query.parameters,
        )
      ).rows;
    const text = (await explain('text')).map((row) => row['QUERY PLAN']).join('\n');
    console.log(`  EXPLAIN (ANALYZE) of the availability query:\n${text.replace(/^/gm, '    ')}`);
    const [{ 'QUERY PLAN': plan }] = await explain('json');
    const scans = [...nodesOf(plan[0].Plan)].filter(
      (node) => node['Relation Name'] === 'calendar_blocks' || node['Index Name'],
    );
    const seq = scans.filter((node) => node['Node Type'] === 'Seq Scan');
    const indexScans = scans.filter((node) => /Index/.test(node['Node Type']));
    if (seq.length > 0 || indexScans.length === 0) {
      throw new Error(`the availability query does not use an index of calendar_blocks:\n${text}`);
    }
    const indexes = [...new Set(indexScans.map((n) => `${n['Node Type']} on ${n['Index Name']}`))];

    const raw = await repeated((durationMs) =>
      closedLoop(() => pool.query(query.sql, query.parameters), { durationMs }),
    );
    const params = new URLSearchParams(MONTH);
    const http = await httpBaseline(ctx, defer, url, query.sql);
    const stack = await httpBench({
      url: `${http.url}/resources/${resourceId}/availability?${params}`,
    });
    const figure = await httpBench({
      url: `${platform.baseUrl}/api/resources/${resourceId}/availability?${params}`,
    });
    const note = `${BOOKINGS.toLocaleString('en-US')} bookings loaded in ${loadS.toFixed(0)} s; ${busy.length} busy spans in the month; plan: ${indexes.join(', ')}`;
    console.log(`  ${note}`);
    const stackBaseline = { ...stack, name: 'Fastify→NATS→pg, same query' };
    return [
      ctx.row(
        `availability of one resource over a month, ${BOOKINGS.toLocaleString('en-US')} bookings`,
        { ...figure, extra: { explain: text, indexes, loadS, spans: busy.length } },
        {
          unit: 'req/s',
          baseline: stackBaseline,
          note,
          processes: peakRss(platform.processes),
        },
      ),
      ctx.row('Fastify → raw NATS → responder → pg, the same availability query', stack, {
        unit: 'req/s',
        baseline: { ...raw, name: `raw SQL via node-pg (pool 10, ${settings.inflight} in flight)` },
        processes: {
          'fastify-nats': http.http.memory().peakRssMb,
          responder: http.responder.memory().peakRssMb,
        },
      }),
    ];
  });
}

/** The hand-written stack answering the same query on the same database (`GET /resources/:id/availability`). */
async function httpBaseline(ctx, defer, databaseUrl, busySql) {
  const prefix = uniqueName('avail');
  const responder = await ctx.startNode(
    'responder',
    [resolve(BENCH_DIR, 'servers/responder.mjs')],
    {
      env: {
        NATS_URL: settings.natsUrl,
        DATABASE_URL: databaseUrl,
        SEARCH_PATH: 'resources',
        BUSY_SQL: busySql,
        BENCH_PREFIX: prefix,
      },
      readyLine: 'responder ready',
    },
  );
  defer(() => responder.stop());
  const port = await freePort();
  const http = await ctx.startNode(
    'fastify-nats',
    [resolve(BENCH_DIR, 'servers/fastify-nats.mjs')],
    {
      env: { NATS_URL: settings.natsUrl, BENCH_PREFIX: prefix, PORT: String(port) },
      readyLine: 'fastify-nats ready',
    },
  );
  defer(() => http.stop());
  return { url: `http://127.0.0.1:${port}`, responder, http };
}
