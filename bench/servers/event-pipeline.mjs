// The event pipeline, measured in its own process (started with the telemetry hook for the
// platform mode, so spans are recorded as in a service). Prints one JSON line.
//   raw:      JetStream publish with ack (64 in flight) → durable pull consumer, ack → counted
//   platform: outbox rows (pg) → the messaging library's OutboxRelay → JetStream → its
//             DurableConsumer (inbox rows + the handler's effect rows, one transaction per batch:
//             the handler opts in with `batch: CONSUMER_BATCH`, default 64; 1 = per event)
// Each mode gives the throughput of EVENTS events, then the lag from commit (raw: publish ack)
// to effect at a fixed offered rate of RATE events/s for LAG_SECONDS.
/* global performance */
import { connect, AckPolicy, nanos, StorageType } from 'nats';
import { z } from 'zod';
import { event } from '@gm/shared-contracts';
import { createDatabase, migrateToLatest } from '@gm/shared-db';
import {
  DurableConsumer,
  ensureStreams,
  MESSAGING_MIGRATION_TABLE,
  messagingMigrations,
  Outbox,
  OutboxRelay,
} from '@gm/shared-messaging';
import { sql } from 'kysely';

const { MODE, NATS_URL, DATABASE_URL, PREFIX } = process.env;
const EVENTS = Number(process.env.EVENTS ?? 20_000);
const RATE = Number(process.env.RATE ?? 500);
const LAG_SECONDS = Number(process.env.LAG_SECONDS ?? 10);
const INFLIGHT = Number(process.env.INFLIGHT ?? 64);
const CONSUMER_BATCH = Number(process.env.CONSUMER_BATCH ?? 64);

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const percentile = (values, p) => {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};
const quietLogger = { log() {}, warn: (m) => console.error(m), error: (m) => console.error(m) };

/** Offers `RATE`/s for LAG_SECONDS; `emit(i)` resolves at commit; returns ids → commit times. */
async function offer(emit) {
  const committed = new Map();
  const total = RATE * LAG_SECONDS;
  const started = performance.now();
  const pending = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    pending.push(emit(i).then((id) => committed.set(id, performance.now())));
  }
  await Promise.all(pending);
  return committed;
}

async function waitUntil(condition, timeoutMs, what) {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

const lagOf = (committed, effects) => {
  const lags = [...committed].map(([id, at]) => effects.get(id) - at);
  return { p50: percentile(lags, 50), p99: percentile(lags, 99), max: Math.max(...lags) };
};

async function raw() {
  const nc = await connect({ servers: NATS_URL, noAsyncTraces: true });
  const jsm = await nc.jetstreamManager();
  const js = nc.jetstream();
  const stream = `${PREFIX}_RAW`.toUpperCase();
  await jsm.streams.add({
    name: stream,
    subjects: [`${PREFIX}.raw.>`],
    storage: StorageType.File,
    duplicate_window: nanos(120_000),
  });
  const payload = (i) =>
    JSON.stringify({ specversion: '1.0', id: `e${i}`, type: 'bench', data: { n: i } });
  try {
    const phase = async (name, produce) => {
      await jsm.consumers.add(stream, {
        durable_name: name,
        ack_policy: AckPolicy.Explicit,
        filter_subject: `${PREFIX}.raw.${name}`,
      });
      const consumer = await js.consumers.get(stream, name);
      const effects = new Map();
      const messages = await consumer.consume({ max_messages: 256 });
      void (async () => {
        for await (const msg of messages) {
          effects.set(msg.headers?.get('Nats-Msg-Id') ?? '', performance.now());
          msg.ack();
        }
      })();
      const result = await produce(effects);
      messages.stop();
      return result;
    };
    const throughput = await phase('tp', async (effects) => {
      const started = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: INFLIGHT }, async () => {
          while (next < EVENTS) {
            const i = next++;
            await js.publish(`${PREFIX}.raw.tp`, payload(i), { msgID: `tp-${i}`, timeout: 5000 });
          }
        }),
      );
      await waitUntil(() => effects.size >= EVENTS, 120_000, 'raw consumption');
      return EVENTS / ((performance.now() - started) / 1000);
    });
    const lag = await phase('lag', async (effects) => {
      const committed = await offer(async (i) => {
        await js.publish(`${PREFIX}.raw.lag`, payload(i), { msgID: `lag-${i}`, timeout: 5000 });
        return `lag-${i}`;
      });
      await waitUntil(() => effects.size >= committed.size, 60_000, 'raw lag events');
      return lagOf(committed, effects);
    });
    return { rate: throughput, lag };
  } finally {
    await jsm.streams.delete(stream).catch(() => {});
    await nc.close();
  }
}

const Happened = event('resources.evt.bench.happened.v1', z.object({ n: z.number().int() }));

async function platform() {
  const database = await createDatabase({
    service: 'bench',
    schema: 'bench',
    databaseUrl: DATABASE_URL,
  });
  await migrateToLatest(database, messagingMigrations, { table: MESSAGING_MIGRATION_TABLE });
  await sql`create table if not exists effect (event_id uuid primary key, n int not null)`.execute(
    database.db,
  );
  const nc = await connect({ servers: NATS_URL, noAsyncTraces: true, maxReconnectAttempts: -1 });
  await ensureStreams(await nc.jetstreamManager(), PREFIX);
  const outbox = new Outbox('/guangming/bench');
  const effects = new Map();
  const consumer = new DurableConsumer({
    nc,
    database,
    service: 'bench',
    prefix: PREFIX,
    name: 'Bench_effect',
    contract: Happened,
    logger: quietLogger,
    // Concurrency unset: the library's default, as a service runs it.
    options: {
      batch: CONSUMER_BATCH,
      ...(process.env.CONSUMER_CONCURRENCY
        ? { concurrency: Number(process.env.CONSUMER_CONCURRENCY) }
        : {}),
    },
    handler: async (evt, { trx }) => {
      await trx.insertInto('effect').values({ event_id: evt.id, n: evt.data.n }).execute();
    },
    // The effect counts once committed, not when the handler returns inside its transaction.
    onCommitted: (ids) => {
      const at = performance.now();
      for (const id of ids) effects.set(id, at);
    },
  });
  // When the relay committed each event as published: splits the lag into relay and consumer.
  const published = new Map();
  const relay = new OutboxRelay({
    database,
    nc,
    prefix: PREFIX,
    logger: quietLogger,
    ...(process.env.RELAY_BATCH ? { batchSize: Number(process.env.RELAY_BATCH) } : {}),
    onPublished: (ids) => {
      const at = performance.now();
      for (const id of ids) published.set(id, at);
    },
  });
  try {
    // Throughput: a backlog written first, then relay and consumer drain it to effects.
    for (let i = 0; i < EVENTS; i += 1000) {
      const rows = Array.from({ length: Math.min(1000, EVENTS - i) }, (_, k) =>
        outbox.row(Happened, { n: i + k }, { subject: `thing-${i + k}` }),
      );
      await database.db.insertInto('outbox').values(rows).execute();
    }
    const started = performance.now();
    await consumer.start(await nc.jetstreamManager());
    await relay.start();
    await waitUntil(() => effects.size >= EVENTS, 300_000, 'platform effects');
    const rate = EVENTS / ((performance.now() - started) / 1000);
    const lastPublished = [...published.values()].reduce((a, b) => Math.max(a, b), 0);
    const relayRate = EVENTS / ((lastPublished - started) / 1000);
    effects.clear();
    published.clear();
    // Lag: each event committed on its own, as a use case writes its row with its event (one
    // statement, ADR 0004: one round trip and one commit).
    const committed = await offer(
      async (i) =>
        (await outbox.add(database.db, Happened, { n: EVENTS + i }, { subject: `lag-${i}` })).id,
    );
    await waitUntil(
      () => committed.size <= effects.size && [...committed.keys()].every((id) => effects.has(id)),
      60_000,
      'platform lag events',
    );
    return {
      rate,
      lag: lagOf(committed, effects),
      // Where the time goes: the relay alone (drain rate; commit → published and committed).
      relayRate,
      relayLag: lagOf(committed, published),
      consumerStats: consumer.stats,
      relayStats: relay.stats,
    };
  } finally {
    await consumer.stop();
    await relay.stop();
    await nc.drain();
    await database.close();
  }
}

const result = MODE === 'raw' ? await raw() : await platform();
const { rssMb, peakRssMb } = (() => {
  const usage = process.resourceUsage();
  return { rssMb: process.memoryUsage().rss / 2 ** 20, peakRssMb: usage.maxRSS / 1024 };
})();
console.log(JSON.stringify({ ...result, rssMb, peakRssMb }));
process.exit(0);
