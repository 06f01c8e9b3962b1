// `npm start`: builds, makes sure NATS (JetStream) answers, then runs the three services and the
// gateway on embedded PGlite with demo data until Ctrl-C. `npm start -- --no-build` skips the build.
/* global AbortController */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { demoSecret } from './lib/demo-secret.mjs';
import { formatLine } from './lib/log-lines.mjs';
import {
  findAnsweringNats,
  findExecutable,
  isLoopback,
  natsEndpoints,
  spawnNatsServer,
  waitUntilNatsAnswers,
} from './lib/nats.mjs';
import { portIsFree } from './lib/ports.mjs';
import { describeExit, ManagedProcess } from './lib/processes.mjs';
import { waitUntilReady } from './lib/readiness.mjs';
import { mainFile, nodeArgs, otelHook, readyUrl, services } from './lib/services.mjs';
import { fail, paint, say } from './lib/terminal.mjs';
import { ensureDependencies } from './lib/dependencies.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const STOP_GRACE_MS = 10_000;
const NATS_STOP_GRACE_MS = 5_000;
const READY_TIMEOUT_MS = 120_000;

const state = {
  /** @type {import('node:child_process').ChildProcess | null} */
  build: null,
  /** @type {ManagedProcess | null} the nats-server this launcher started, if any */
  nats: null,
  /** @type {ManagedProcess[]} */
  apps: [],
  stopping: false,
};

const usage = `Usage: npm start [-- --no-build] [-- --raw-logs]
  --no-build   run what apps/*/dist holds, without building first
  --raw-logs   print the services' JSON log lines as they are`;

async function main() {
  let flags;
  try {
    ({ values: flags } = parseArgs({
      options: {
        'no-build': { type: 'boolean' },
        'raw-logs': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    console.error(`${error.message}\n${usage}`);
    process.exit(2);
  }
  if (flags.help) return console.log(usage);
  const startedAt = Date.now();
  const env = process.env;

  if (!flags['no-build']) await build();
  assertBuilt();
  const list = services(env);
  await assertPortsFree(list);

  const dataDirSetting = env.DATA_DIR || '.data';
  const dataDir = resolve(root, dataDirSetting);
  const natsUrl = env.NATS_URL || 'nats://127.0.0.1:4222';
  await ensureNats(natsUrl, dataDir);
  const secret = (env.AUTH_MODE || 'demo') === 'demo' ? authSecret(env, dataDir) : undefined;
  if (state.stopping) return; // stopped while NATS came up

  const died = new AbortController();
  const rawLogs = Boolean(flags['raw-logs']);
  for (const service of list) {
    const serviceEnv = {
      ...env,
      NATS_URL: natsUrl,
      DATA_DIR: dataDirSetting,
      SEED_DEMO_DATA: env.SEED_DEMO_DATA || 'true',
      ...(secret ? { AUTH_DEMO_SECRET: secret } : {}),
      OTEL_SERVICE_NAME: service.name,
      [service.portVar]: String(service.port),
    };
    const app = startProcess(service, nodeArgs(service.name), serviceEnv, rawLogs);
    app.exited.then(() => died.abort());
  }

  const notReady = await waitUntilReady(
    list.map((s) => ({ name: s.name, url: readyUrl(s) })),
    {
      timeoutMs: READY_TIMEOUT_MS,
      signal: died.signal,
      onReady: (name) => say(`${name} is ready`),
    },
  );
  if (state.stopping) return; // a signal or a dead process has taken over
  if (notReady.length > 0) {
    fail(
      `not ready after ${READY_TIMEOUT_MS / 1000} s: ${notReady.join(', ')} (GET /readyz never answered 200); stopping`,
    );
    return shutdown(1);
  }

  const gateway = list.find((s) => s.name === 'gateway');
  say(`everything is up in ${Math.round((Date.now() - startedAt) / 1000)} s`);
  console.log('');
  console.log(`Guangming portal: http://localhost:${gateway.port}/`);
  console.log(`API docs:         http://localhost:${gateway.port}/api/docs`);
  if (secret && serviceSeedsDemoData(env))
    console.log('Demo sign-in:     admin / guangming-demo (other accounts: see README)');
  console.log('Press Ctrl-C to stop.');
  console.log('');
}

async function build() {
  ensureDependencies(root, say);
  say('building (tsc -b tsconfig.build.json)...');
  const startedAt = Date.now();
  const tsc = resolve(root, 'node_modules/typescript/bin/tsc');
  const code = await new Promise((done) => {
    state.build = spawn(process.execPath, [tsc, '-b', 'tsconfig.build.json'], {
      cwd: root,
      stdio: 'inherit',
    });
    state.build.on('error', (error) => {
      fail(`could not run tsc: ${error.message}`);
      done(1);
    });
    state.build.on('close', (exitCode, signal) => done(signal ? 1 : exitCode));
  });
  state.build = null;
  if (state.stopping) return new Promise(() => {}); // stopped by a signal: shutdown() exits
  if (code !== 0) {
    fail(
      'the build failed (errors above); fix them, or run `npm start -- --no-build` to start the last build',
    );
    process.exit(1);
  }
  say(`built in ${Math.round((Date.now() - startedAt) / 1000)} s`);
}

function assertBuilt() {
  const missing = [
    ...services(process.env).map((s) => mainFile(root, s.name)),
    otelHook(root),
  ].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    fail(
      `missing ${missing.map((f) => relative(root, f)).join(', ')}: run \`npm start\` without --no-build`,
    );
    process.exit(1);
  }
}

async function assertPortsFree(list) {
  for (const service of list) {
    if (!(await portIsFree(service.port))) {
      fail(
        `port ${service.port} (${service.name}) is in use, perhaps by another npm start; stop that or set ${service.overrideVar}`,
      );
      process.exit(1);
    }
  }
}

/** Uses the NATS server at NATS_URL, or starts nats-server for a loopback URL, or explains. */
async function ensureNats(natsUrl, dataDir) {
  const endpoints = natsEndpoints(natsUrl);
  const found = await findAnsweringNats(endpoints);
  if (found) {
    const { host, port } = found.endpoint;
    say(`using the NATS server at ${host}:${port}`);
    if (found.info.jetstream !== true)
      fail(
        `warning: the NATS server at ${host}:${port} reports no JetStream; the services need it`,
      );
    return;
  }
  const local = endpoints.find((e) => isLoopback(e.host));
  const bin = local ? findExecutable('nats-server') : null;
  if (!local || !bin) {
    fail(
      `no NATS server answers at ${natsUrl}` +
        (local ? ' and nats-server is not installed' : '') +
        ': install one (apt-get install nats-server), or run `docker run -d -p 4222:4222 nats -js`, or set NATS_URL to a NATS server with JetStream',
    );
    process.exit(1);
  }
  const storeDir = resolve(dataDir, 'nats');
  say(
    `starting ${bin} with JetStream on port ${local.port}, data in ${relative(root, storeDir) || storeDir}`,
  );
  state.nats = spawnNatsServer({ bin, endpoint: local, storeDir });
  watchForDeath(state.nats);
  await waitUntilNatsAnswers(state.nats, local);
}

function authSecret(env, dataDir) {
  const { secret, source, path } = demoSecret(env, dataDir);
  if (source === 'created') say(`created the demo token secret in ${relative(root, path)}`);
  return secret;
}

const serviceSeedsDemoData = (env) => !['false', '0', 'no'].includes(env.SEED_DEMO_DATA || 'true');

/** Runs a service with Node, its output lines prefixed with its coloured name. */
function startProcess(service, args, env, raw) {
  const prefix = paint(service.color, `[${service.name}]`.padEnd(11));
  const app = new ManagedProcess(service.name, process.execPath, args, {
    env,
    cwd: root,
    onLine: (line) => {
      for (const part of formatLine(line, { raw }).split('\n')) console.log(`${prefix} ${part}`);
    },
  });
  state.apps.push(app);
  watchForDeath(app);
  return app;
}

/** A process that ends while nobody asked it to stops everything, with the reason. */
function watchForDeath(proc) {
  proc.exited.then((exit) => {
    if (proc.stopRequested || state.stopping) return;
    fail(`${proc.name} exited unexpectedly (${describeExit(exit)}); its last lines:`);
    for (const line of proc.lastLines(10)) console.error(`  ${line}`);
    void shutdown(1);
  });
}

/** Stops the apps (SIGTERM, SIGKILL after 10 s), then the NATS server this launcher started. */
async function shutdown(code) {
  if (state.stopping) return;
  state.stopping = true;
  state.build?.kill('SIGTERM');
  const running = state.apps.filter((a) => !a.hasExited);
  if (running.length > 0) say(`stopping ${running.map((a) => a.name).join(', ')}...`);
  const killed = await Promise.all(
    state.apps.map(async (app) => ((await app.stop(STOP_GRACE_MS)) ? app.name : null)),
  );
  const stragglers = killed.filter(Boolean);
  if (stragglers.length > 0)
    fail(`killed ${stragglers.join(', ')} after ${STOP_GRACE_MS / 1000} s`);
  if (state.nats) {
    say('stopping nats-server...');
    await state.nats.stop(NATS_STOP_GRACE_MS);
  }
  say('stopped');
  process.exit(code);
}

/** Last resort, when the launcher exits without a shutdown: leave no process behind. */
function killEverythingNow() {
  state.build?.kill('SIGKILL');
  for (const proc of [...state.apps, state.nats]) proc?.signal('SIGKILL');
}

// npm forwards the terminal's Ctrl-C to us as a second SIGINT: only a later one means "force".
let firstSignalAt = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (!state.stopping) {
      firstSignalAt = Date.now();
      return void shutdown(0);
    }
    if (Date.now() - firstSignalAt < 1000) return;
    fail('stopping at once');
    killEverythingNow();
    process.exit(1);
  });
}
process.on('exit', killEverythingNow);

main().catch((error) => {
  if (state.stopping) return; // the failure is the shutdown's doing
  fail(error instanceof Error ? error.message : String(error));
  void shutdown(1);
});
