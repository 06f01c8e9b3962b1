import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createTestDatabase,
  freePort,
  testNatsUrl,
  uniquePrefix,
  waitFor,
  type TestDatabase,
} from '@gm/shared-testing';

/** The repository root: the built apps and the telemetry hook are found from here. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export const SERVICES = ['resources', 'triage', 'housing', 'gateway'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface PlatformOptions {
  /** Which processes to start; default all four. */
  services?: readonly ServiceName[];
  /** Embedded PGlite in a temporary DATA_DIR instead of a fresh PostgreSQL database per service. */
  embedded?: boolean;
  /** Extra environment for every process. */
  env?: Record<string, string>;
  /** Extra environment for one process (wins over `env`). */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
  /** How long each process may take to become ready; default 90 s. */
  readyTimeoutMs?: number;
}

export interface Platform {
  /** The gateway's address, e.g. `http://127.0.0.1:41234`. */
  baseUrl: string;
  /** Each started process's HTTP address (health, readiness, metrics; the API for the gateway). */
  urls: Readonly<Partial<Record<ServiceName, string>>>;
  /** The NATS subject prefix this platform runs under. */
  prefix: string;
  /** The demo-mode signing secret, for tests that need a token the gateway would never issue. */
  demoSecret: string;
  /** Stops every process and drops what was created for them. Safe to call twice. */
  stop(): Promise<void>;
  /** Stops one process (SIGTERM, then SIGKILL after 10 s); its database and port stay reserved. */
  stopService(name: ServiceName): Promise<void>;
  /** Starts a stopped process again with the same database, port and settings; waits until ready. */
  startService(name: ServiceName): Promise<void>;
  /** Everything the process wrote to stdout and stderr since the platform started. */
  logs(name: ServiceName): string;
}

const STOP_GRACE_MS = 10_000;
const MAX_LOG_CHARS = 2_000_000;

interface ServiceState {
  name: ServiceName;
  port: number;
  env: NodeJS.ProcessEnv;
  child?: ChildProcess;
  exited?: Promise<void>;
  log: string[];
  logChars: number;
}

const live = new Set<ChildProcess>();
// A test runner that dies must not leave services running on the machine.
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

function mainOf(name: ServiceName): string {
  return join(REPO_ROOT, 'apps', name, 'dist', 'main.js');
}

function record(state: ServiceState, chunk: Buffer): void {
  const text = chunk.toString('utf8');
  state.log.push(text);
  state.logChars += text.length;
  while (state.logChars > MAX_LOG_CHARS && state.log.length > 1)
    state.logChars -= state.log.shift()!.length;
}

function tail(state: ServiceState, lines = 40): string {
  return state.log.join('').split('\n').slice(-lines).join('\n');
}

function spawnService(state: ServiceState): void {
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--import',
      join(REPO_ROOT, 'libs/shared/telemetry/otel-hook.mjs'),
      mainOf(state.name),
    ],
    { cwd: REPO_ROOT, env: state.env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  live.add(child);
  child.stdout!.on('data', (chunk: Buffer) => record(state, chunk));
  child.stderr!.on('data', (chunk: Buffer) => record(state, chunk));
  state.child = child;
  state.exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      live.delete(child);
      record(
        state,
        Buffer.from(`\n[platform] ${state.name} exited (code ${code}, signal ${signal})\n`),
      );
      resolve();
    }),
  );
}

async function isReady(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(3_000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** Waits for /readyz, failing at once (with the process's last output) if the process exits first. */
async function waitReady(state: ServiceState, timeoutMs: number): Promise<void> {
  const url = `http://127.0.0.1:${state.port}`;
  let exited = false;
  void state.exited!.then(() => (exited = true));
  try {
    await waitFor(async () => exited || (await isReady(url)), {
      timeoutMs,
      intervalMs: 200,
      what: `${state.name} to answer ${url}/readyz`,
    });
  } catch (error) {
    throw new Error(
      `${state.name} did not become ready: ${(error as Error).message}\n${tail(state)}`,
    );
  }
  if (exited) throw new Error(`${state.name} exited before it was ready:\n${tail(state)}`);
}

async function stopChild(state: ServiceState): Promise<void> {
  const child = state.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await state.exited;
  clearTimeout(timer);
}

/**
 * Starts the built platform (apps/<name>/dist/main.js, built by `npm test` before jest) as child
 * processes, each on its own fresh database (or PGlite directory), one unique NATS prefix, free
 * ports, demo data and a random demo secret; resolves once every process answers /readyz.
 */
export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const names = options.services ?? SERVICES;
  const missing = names.filter((name) => !existsSync(mainOf(name)));
  if (missing.length) {
    throw new Error(`not built: ${missing.map(mainOf).join(', ')} — run \`npm run build\` first`);
  }
  const readyTimeoutMs = options.readyTimeoutMs ?? 90_000;
  const prefix = uniquePrefix('e2e');
  const demoSecret = randomBytes(48).toString('base64url');
  const shared: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    NATS_URL: testNatsUrl(),
    NATS_PREFIX: prefix,
    SEED_DEMO_DATA: 'true',
    MIGRATE_ON_START: 'true',
    AUTH_MODE: 'demo',
    AUTH_DEMO_SECRET: demoSecret,
    // Tests drive the gateway far harder than one person does.
    RATE_LIMIT_PER_MINUTE: '0',
  };

  const databases: TestDatabase[] = [];
  const dataDir = options.embedded ? await mkdtemp(join(tmpdir(), 'gm-e2e-')) : undefined;
  const states = new Map<ServiceName, ServiceState>();
  let stopped: Promise<void> | undefined;

  const stop = () =>
    (stopped ??= (async () => {
      await Promise.all([...states.values()].map(stopChild));
      await Promise.allSettled(databases.map((database) => database.drop()));
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    })());

  try {
    for (const name of names) {
      const port = await freePort();
      const database = dataDir ? undefined : await createTestDatabase();
      if (database) databases.push(database);
      const env: NodeJS.ProcessEnv = {
        ...shared,
        ...options.env,
        OTEL_SERVICE_NAME: name,
        ...(name === 'gateway'
          ? { PORT: String(port), HOST: '127.0.0.1' }
          : { HTTP_PORT: String(port) }),
        ...(database ? { DATABASE_URL: database.url } : { DATA_DIR: dataDir }),
        ...options.serviceEnv?.[name],
      };
      states.set(name, { name, port, env, log: [], logChars: 0 });
    }
    for (const state of states.values()) spawnService(state);
    await Promise.all([...states.values()].map((state) => waitReady(state, readyTimeoutMs)));
  } catch (error) {
    await stop();
    throw error;
  }

  const stateOf = (name: ServiceName): ServiceState => {
    const state = states.get(name);
    if (!state)
      throw new Error(`${name} is not part of this platform (started: ${names.join(', ')})`);
    return state;
  };
  const urls = Object.fromEntries(
    [...states.values()].map((s) => [s.name, `http://127.0.0.1:${s.port}`]),
  );

  return {
    baseUrl: urls['gateway'] ?? '',
    urls,
    prefix,
    demoSecret: options.env?.['AUTH_DEMO_SECRET'] ?? demoSecret,
    stop,
    stopService: (name) => stopChild(stateOf(name)),
    startService: async (name) => {
      const state = stateOf(name);
      if (state.child && state.child.exitCode === null && state.child.signalCode === null) {
        throw new Error(`${name} is already running`);
      }
      spawnService(state);
      await waitReady(state, readyTimeoutMs);
    },
    logs: (name) => stateOf(name).log.join(''),
  };
}
