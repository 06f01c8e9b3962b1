// Starts the BUILT platform processes (apps/<name>/dist/main.js, with the telemetry hook) for a
// benchmark: each on a fresh PostgreSQL database, one fresh NATS prefix, free ports, demo data,
// spans exported to a local sink as in production. BENCH_CPU_PROF=<dir> profiles them.
/* global performance */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { BENCH_DIR, createDatabase, freePort, ROOT, settings, uniqueName } from './common.mjs';

export const mainOf = (name) => resolve(ROOT, 'apps', name, 'dist', 'main.js');
export const OTEL_HOOK = resolve(ROOT, 'libs/shared/telemetry/otel-hook.mjs');

export function profileArgs(label) {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) return [];
  const target = resolve(ROOT, dir);
  mkdirSync(target, { recursive: true });
  // A directory per process and Node's own file names: with the telemetry hook's loader thread a
  // fixed --cpu-prof-name made both threads write one file, and the loader's (idle) profile won.
  // The main thread's is CPU.<date>.<time>.<pid>.0.<seq>.cpuprofile.
  return ['--cpu-prof', `--cpu-prof-dir=${resolve(target, `${label}.${Date.now()}`)}`];
}

/** Starts `names` in order (each waits for /readyz); `defer` receives every clean-up. */
export async function startPlatform(ctx, defer, names, { env = {} } = {}) {
  const missing = names.filter((name) => !existsSync(mainOf(name)));
  if (missing.length)
    throw new Error(`not built: ${missing.join(', ')} — run \`npm run build\` first`);
  const sinkPort = await freePort();
  const sink = await ctx.startNode('otlp-sink', [resolve(BENCH_DIR, 'servers/otlp-sink.mjs')], {
    env: { PORT: String(sinkPort) },
    readyLine: 'otlp-sink ready',
  });
  defer(() => sink.stop());
  const shared = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    NATS_URL: settings.natsUrl,
    NATS_PREFIX: uniqueName('p'),
    SEED_DEMO_DATA: 'true',
    MIGRATE_ON_START: 'true',
    AUTH_MODE: 'demo',
    AUTH_DEMO_SECRET: randomBytes(48).toString('base64url'),
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${sinkPort}`,
    // One load generator on one address would be rate-limited at once.
    RATE_LIMIT_PER_MINUTE: '0',
    ...env,
  };
  const processes = {};
  const urls = {};
  const databases = {};
  await Promise.all(
    names.map(async (name) => {
      const database = await createDatabase(name);
      defer(() => database.drop());
      databases[name] = database.url;
      const port = await freePort();
      urls[name] = `http://127.0.0.1:${port}`;
      const started = performance.now();
      processes[name] = await ctx.startNode(name, [mainOf(name)], {
        nodeArgs: ['--enable-source-maps', ...profileArgs(name), '--import', OTEL_HOOK],
        env: {
          ...shared,
          OTEL_SERVICE_NAME: name,
          DATABASE_URL: database.url,
          ...(name === 'gateway'
            ? { PORT: String(port), HOST: '127.0.0.1' }
            : { HTTP_PORT: String(port) }),
        },
        readyUrl: `${urls[name]}/readyz`,
      });
      processes[name].readyMs = performance.now() - started;
      defer(() => processes[name].stop());
    }),
  );
  return {
    processes,
    urls,
    databases,
    baseUrl: urls.gateway,
    prefix: shared.NATS_PREFIX,
  };
}

export const peakRss = (processes) =>
  Object.fromEntries(Object.entries(processes).map(([name, p]) => [name, p.memory().peakRssMb]));
