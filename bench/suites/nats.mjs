// Raw NATS and JetStream: the ceiling every platform figure is compared with.
/* global TextEncoder, performance */
import { resolve } from 'node:path';
import { AckPolicy, connect, nanos, StorageType } from 'nats';
import { BENCH_DIR, closedLoop, repeated, settings, uniqueName, using } from '../lib/common.mjs';

export const description = 'raw NATS request–reply, JetStream publish-with-ack and pull-consume';

const PAYLOAD = new TextEncoder().encode(
  JSON.stringify({ id: '0190c3a2-7b1e-7c3d-8f00-000000000001', n: 1 }),
);

export async function run(ctx) {
  return using(async (defer) => {
    const prefix = uniqueName('nats');
    const responder = await ctx.startNode(
      'responder',
      [resolve(BENCH_DIR, 'servers/responder.mjs')],
      {
        env: { NATS_URL: settings.natsUrl, BENCH_PREFIX: prefix },
        readyLine: 'responder ready',
      },
    );
    defer(() => responder.stop());
    const nc = await connect({ servers: settings.natsUrl, noAsyncTraces: true });
    defer(() => nc.close());

    const rr = await repeated((durationMs) =>
      closedLoop(() => nc.request(`${prefix}.echo`, PAYLOAD, { timeout: 5000 }), { durationMs }),
    );
    const rows = [
      ctx.row('raw NATS request–reply', rr, {
        unit: 'req/s',
        note: `${settings.inflight} in flight, responder in its own process`,
        processes: { responder: responder.memory().peakRssMb },
      }),
    ];

    const stream = uniqueName('js').toUpperCase();
    const jsm = await nc.jetstreamManager();
    await jsm.streams.add({
      name: stream,
      subjects: [`${prefix}.js.>`],
      storage: StorageType.File,
      duplicate_window: nanos(120_000),
    });
    defer(() => jsm.streams.delete(stream));
    const js = nc.jetstream();
    let n = 0;
    const publish = await repeated((durationMs) =>
      closedLoop(
        () => js.publish(`${prefix}.js.event`, PAYLOAD, { msgID: `m-${n++}`, timeout: 5000 }),
        { durationMs },
      ),
    );
    rows.push(
      ctx.row('raw JetStream publish with ack', publish, {
        unit: 'msg/s',
        note: `${settings.inflight} in flight, file storage, Nats-Msg-Id`,
      }),
    );

    const consumeRuns = [];
    for (let i = 0; i < settings.runs; i++) {
      const durable = `c${i}`;
      await jsm.consumers.add(stream, { durable_name: durable, ack_policy: AckPolicy.Explicit });
      const consumer = await js.consumers.get(stream, durable);
      const total = Math.min(n, 50_000);
      const started = performance.now();
      const messages = await consumer.consume({ max_messages: 256 });
      let seen = 0;
      for await (const msg of messages) {
        msg.ack();
        if (++seen >= total) break;
      }
      consumeRuns.push({
        rate: total / ((performance.now() - started) / 1000),
        p50: NaN,
        p99: NaN,
      });
    }
    rows.push(
      ctx.row('raw JetStream pull-consume with ack', ctx.medianOf(consumeRuns), {
        unit: 'msg/s',
        note: 'durable pull consumer, explicit ack, 256 buffered',
      }),
    );
    return rows;
  });
}
