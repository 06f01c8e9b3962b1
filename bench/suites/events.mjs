// The event pipeline: outbox rows to consumer effects through the messaging library, against
// raw JetStream publish-with-ack → pull-consume; throughput, and commit-to-effect lag at 500/s.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { BENCH_DIR, createDatabase, median, settings, uniqueName, using } from '../lib/common.mjs';
import { OTEL_HOOK, profileArgs } from '../lib/platform.mjs';

export const description = 'outbox → OutboxRelay → JetStream → DurableConsumer vs raw JetStream';

const RATE = 500;

function pipeline(mode, env) {
  const args = [
    ...(mode === 'platform' ? [...profileArgs('event-pipeline'), '--import', OTEL_HOOK] : []),
    resolve(BENCH_DIR, 'servers/event-pipeline.mjs'),
  ];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, {
      env: {
        ...process.env,
        MODE: mode,
        NATS_URL: settings.natsUrl,
        EVENTS: String(settings.events),
        RATE: String(RATE),
        LAG_SECONDS: String(Math.max(5, settings.durationS * 2)),
        INFLIGHT: String(settings.inflight),
        OTEL_SERVICE_NAME: 'bench-events',
        LOG_LEVEL: 'warn',
        ...(process.env.BENCH_CONSUMER_CONCURRENCY
          ? { CONSUMER_CONCURRENCY: process.env.BENCH_CONSUMER_CONCURRENCY }
          : {}),
        ...(process.env.BENCH_CONSUMER_BATCH
          ? { CONSUMER_BATCH: process.env.BENCH_CONSUMER_BATCH }
          : {}),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.once('exit', (code) => {
      if (code !== 0)
        return fail(new Error(`event pipeline (${mode}) exited with ${code}: ${err.slice(-2000)}`));
      done(JSON.parse(out.trim().split('\n').pop()));
    });
  });
}

export async function run(ctx) {
  const runs = Math.max(1, Math.min(settings.runs, 2));
  const rawRuns = [];
  const platformRuns = [];
  for (let i = 0; i < runs; i++) {
    rawRuns.push(await pipeline('raw', { PREFIX: uniqueName('evraw') }));
    platformRuns.push(
      await using(async (defer) => {
        const database = await createDatabase('events');
        defer(() => database.drop());
        return pipeline('platform', { PREFIX: uniqueName('ev'), DATABASE_URL: database.url });
      }),
    );
  }
  const summary = (results) => ({
    rate: median(results.map((r) => r.rate)),
    p50: median(results.map((r) => r.lag.p50)),
    p99: median(results.map((r) => r.lag.p99)),
    peakRssMb: Math.max(...results.map((r) => r.peakRssMb)),
    runs: results,
  });
  const raw = summary(rawRuns);
  const platform = summary(platformRuns);
  return [
    ctx.row(`event pipeline: outbox → effect (p50/p99 = lag at ${RATE}/s)`, platform, {
      unit: 'ev/s',
      baseline: { name: 'raw JetStream publish→consume', ...raw },
      note: `${settings.events} events backlog; lag: commit → handler done`,
      processes: { 'event-pipeline': platform.peakRssMb, 'raw-pipeline': raw.peakRssMb },
      target: (f, b, { ratio }) => ({
        ok: ratio >= 0.5 && f.p99 <= 100,
        text: '≥ 50 %, lag p99 ≤ 100 ms',
      }),
    }),
  ];
}
