// Start-up: `npm start -- --no-build` (embedded PGlite in a fresh DATA_DIR, demo data seeded) to
// "everything is up", then the RSS of each process after a few seconds at rest.
/* global performance */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  childrenOf,
  freePort,
  memoryOf,
  ROOT,
  settings,
  sleep,
  uniqueName,
  using,
} from '../lib/common.mjs';

export const description =
  'npm start -- --no-build to ready (fresh DATA_DIR), RSS of each process at rest';

const READY_LINE = 'everything is up';
const REST_MS = 5000;
const APPS = ['resources', 'triage', 'housing', 'gateway'];

/** The platform processes under the launcher, by app name. */
function appProcesses(rootPid) {
  const found = {};
  const walk = (pid) => {
    for (const child of childrenOf(pid)) {
      let cmdline = '';
      try {
        cmdline = readFileSync(`/proc/${child}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      const app = APPS.find((name) => cmdline.includes(`apps/${name}/dist/main.js`));
      if (app) found[app] = child;
      walk(child);
    }
  };
  walk(rootPid);
  return found;
}

async function startOnce(dataDir) {
  const ports = {
    PORT: await freePort(),
    RESOURCES_HTTP_PORT: await freePort(),
    TRIAGE_HTTP_PORT: await freePort(),
    HOUSING_HTTP_PORT: await freePort(),
  };
  const started = performance.now();
  const launcher = spawn('npm', ['start', '--', '--no-build'], {
    cwd: ROOT,
    detached: true,
    env: {
      ...process.env,
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
      DATA_DIR: dataDir,
      NATS_URL: settings.natsUrl,
      NATS_PREFIX: uniqueName('st'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  launcher.stdout.on('data', (chunk) => (output += chunk));
  launcher.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((done) => launcher.once('exit', done));
  let gone = false;
  void exited.then(() => (gone = true));
  const stop = async () => {
    if (gone) return;
    process.kill(-launcher.pid, 'SIGINT');
    const timer = setTimeout(() => !gone && process.kill(-launcher.pid, 'SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const deadline = performance.now() + 180_000;
    while (!output.includes(READY_LINE)) {
      if (gone || performance.now() > deadline)
        throw new Error(`npm start did not get ready:\n${output.slice(-3000)}`);
      await sleep(50);
    }
    const readyMs = performance.now() - started;
    await sleep(REST_MS);
    const rss = Object.fromEntries(
      Object.entries(appProcesses(launcher.pid)).map(([name, pid]) => [name, memoryOf(pid).rssMb]),
    );
    return { readyMs, rss };
  } finally {
    await stop();
  }
}

export async function run(ctx) {
  return using(async (defer) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'gm-bench-'));
    defer(() => rm(dataDir, { recursive: true, force: true }));
    const first = await startOnce(dataDir);
    const again = await startOnce(dataDir);
    const atRest = (rss) => Object.fromEntries(Object.entries(rss).map(([name, mb]) => [name, mb]));
    const rssTarget = (rss) => ({
      ok: Object.keys(rss).length === APPS.length && Object.values(rss).every((mb) => mb < 200),
      text: 'each process < 200 MB at rest',
    });
    return [
      ctx.row(
        'start-up to ready, first start (migrate + seed)',
        { rate: first.readyMs / 1000, p50: NaN, p99: NaN },
        {
          unit: 's',
          processes: atRest(first.rss),
          note: 'RSS at rest after 5 s',
          target: () => rssTarget(first.rss),
        },
      ),
      ctx.row(
        'start-up to ready, second start (data kept)',
        { rate: again.readyMs / 1000, p50: NaN, p99: NaN },
        {
          unit: 's',
          processes: atRest(again.rss),
          target: () => rssTarget(again.rss),
        },
      ),
    ];
  });
}
