// Baseline responder: raw `nats` subscriptions answering request–reply, on pg where it is asked
// to. Subjects under BENCH_PREFIX: `.echo` (no database), `.read` (primary-key select), `.write`
// (business row and outbox row in one statement), and with BUSY_SQL `.busy` (that query with
// the request's parameters, on the schema SEARCH_PATH: the availability suite's HTTP baseline).
// One queue group, as a service's replicas use.
import { connect, JSONCodec } from 'nats';
import { poolFor, READ_SQL, WRITE_CTE_SQL } from '../lib/baseline-db.mjs';

const { NATS_URL, DATABASE_URL, BENCH_PREFIX, BUSY_SQL, SEARCH_PATH } = process.env;
const nc = await connect({ servers: NATS_URL, noAsyncTraces: true, name: 'bench-responder' });
const pool = DATABASE_URL ? poolFor(DATABASE_URL, 10, SEARCH_PATH) : undefined;
const json = JSONCodec();

const serve = (name, handle) =>
  (async () => {
    for await (const msg of nc.subscribe(`${BENCH_PREFIX}.${name}`, { queue: 'responder' })) {
      handle(msg).then(
        (reply) => msg.respond(reply),
        (error) => msg.respond(json.encode({ error: error.message })),
      );
    }
  })();

serve('echo', async (msg) => msg.data);
if (pool) {
  serve('read', async (msg) => {
    const { id } = json.decode(msg.data);
    const { rows } = await pool.query(READ_SQL, [id]);
    return json.encode(rows[0] ? { ok: rows[0] } : { error: 'not-found' });
  });
  serve('write', async (msg) => {
    const { id, resourceId, start, end, purpose, eventId } = json.decode(msg.data);
    await pool.query(WRITE_CTE_SQL, [id, resourceId, start, end, purpose, eventId]);
    return json.encode({ ok: { id, status: 'approved' } });
  });
}
if (pool && BUSY_SQL) {
  serve('busy', async (msg) => {
    const { resourceId, from, to } = json.decode(msg.data);
    const { rows } = await pool.query(BUSY_SQL, [resourceId, from, to]);
    // The service's answer: the claims in time order, a hold shown as a booking.
    const busy = rows.map((r) => ({
      start: r.starts_at.toISOString(),
      end: r.ends_at.toISOString(),
      kind: r.kind === 'maintenance' ? 'maintenance' : 'booking',
    }));
    return json.encode({ ok: { resourceId, from, to, busy } });
  });
}
await nc.flush();
console.log('responder ready');

const stop = async () => {
  await nc.drain();
  await pool?.end();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
