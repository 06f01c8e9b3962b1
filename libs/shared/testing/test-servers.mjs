// PostgreSQL and NATS for one jest run, from the first source that is there: URLs given in the
// environment, else testcontainers (when a Docker engine answers), else local binaries started
// for the run. Plain ESM JavaScript, because jest loads the global setup without transforming it.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, readFileSync, readdirSync, rmSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';
import { connect } from 'nats';

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const DOCKER_PROBE_TIMEOUT_MS = 5_000;

/**
 * Resolves both servers and sets TEST_DATABASE_URL, TEST_NATS_URL and TEST_RUN_ID in
 * process.env (jest workers inherit them). Returns what to print and how to stop what it started.
 */
export async function resolveTestServers(env = process.env) {
  env.TEST_RUN_ID ||= randomBytes(4).toString('hex');
  const given = { postgres: env.TEST_DATABASE_URL, nats: env.TEST_NATS_URL };
  const mode = env.TEST_INFRA ?? 'auto';
  if (!['auto', 'containers', 'local'].includes(mode)) {
    throw new Error(`TEST_INFRA must be auto, containers or local, not ${JSON.stringify(mode)}`);
  }

  let starters = { postgres: startLocalPostgres, nats: startLocalNats };
  if (mode !== 'local' && (!given.postgres || !given.nats)) {
    if (await dockerAnswers()) {
      starters = { postgres: startPostgresContainer, nats: startNatsContainer };
    } else if (mode === 'containers') {
      throw new Error('TEST_INFRA=containers, but no Docker engine answers');
    }
  }

  const results = await Promise.allSettled([
    given.postgres ? { url: given.postgres, source: 'TEST_DATABASE_URL' } : starters.postgres(),
    given.nats ? { url: given.nats, source: 'TEST_NATS_URL' } : starters.nats(),
  ]);
  const started = results
    .filter((result) => result.status === 'fulfilled' && result.value.stop)
    .map((result) => result.value);
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) {
    await Promise.allSettled(started.map((server) => server.stop()));
    throw failure.reason;
  }
  const [postgres, nats] = results.map((result) => result.value);
  env.TEST_DATABASE_URL = postgres.url;
  env.TEST_NATS_URL = nats.url;
  return {
    summary: `PostgreSQL: ${postgres.source} ${redact(postgres.url)}; NATS: ${nats.source} ${redact(nats.url)}`,
    stop: async () => {
      await dropRunDatabases(postgres.url, env.TEST_RUN_ID);
      await Promise.allSettled(started.map((server) => server.stop()));
    },
  };
}

// ---- Docker (testcontainers) ----

async function dockerAnswers() {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await withTimeout(getContainerRuntimeClient(), DOCKER_PROBE_TIMEOUT_MS, 'Docker probe');
    return true;
  } catch {
    return false;
  }
}

async function startPostgresContainer() {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const image = process.env.TEST_POSTGRES_IMAGE ?? 'postgres:15-alpine';
  const container = await new PostgreSqlContainer(image)
    .withUsername('postgres')
    .withPassword('postgres')
    .withDatabase('postgres')
    .withCommand(['postgres', '-c', 'fsync=off', '-c', 'max_connections=300'])
    .start();
  return {
    url: container.getConnectionUri(),
    source: `testcontainers ${image}`,
    stop: () => container.stop(),
  };
}

async function startNatsContainer() {
  // GenericContainer rather than @testcontainers/nats: that one always sets a user and password,
  // which nats.js does not read from a URL, so TEST_NATS_URL alone could not connect.
  const { GenericContainer, Wait } = await import('testcontainers');
  const image = process.env.TEST_NATS_IMAGE ?? 'nats:2.10-alpine';
  const container = await new GenericContainer(image)
    .withCommand(['-js'])
    .withExposedPorts(4222)
    .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
    .start();
  return {
    url: `nats://${container.getHost()}:${container.getMappedPort(4222)}`,
    source: `testcontainers ${image}`,
    stop: () => container.stop(),
  };
}

// ---- local binaries ----

async function startLocalPostgres() {
  const bin = findPostgresBin();
  if (!bin) {
    throw new Error(
      'no PostgreSQL for tests: set TEST_DATABASE_URL, start a Docker engine, or install PostgreSQL (initdb and postgres on PATH)',
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'gm-test-pg-'));
  // PostgreSQL refuses to run as root; as root, run it as an unprivileged user.
  const user = process.getuid?.() === 0 ? unprivilegedUser() : undefined;
  if (user) await chown(dir, user.uid, user.gid);
  const dataDir = join(dir, 'data');
  const spawnOptions = { cwd: dir, ...(user ?? {}), env: { ...process.env, LC_ALL: 'C' } };
  try {
    await runToEnd(
      join(bin, 'initdb'),
      ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync'],
      spawnOptions,
    );
    const port = await freePort();
    // Durability is pointless for a throw-away cluster; speed is not.
    const settings = ['full_page_writes=off', 'synchronous_commit=off', 'max_connections=300'];
    const server = startProcess(
      join(bin, 'postgres'),
      ['-D', dataDir, '-h', '127.0.0.1', '-p', String(port), '-k', dir, '-F'].concat(
        settings.flatMap((setting) => ['-c', setting]),
      ),
      { spawnOptions, dir, stopSignal: 'SIGINT' }, // SIGINT: fast shutdown
    );
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    await server.until(() => pgAnswers(url), 'PostgreSQL');
    return { url, source: `local postgres (${bin})`, stop: server.stop };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function startLocalNats() {
  const bin = findExecutable('nats-server', pathDirs());
  if (!bin) {
    throw new Error(
      'no NATS for tests: set TEST_NATS_URL, start a Docker engine, or put nats-server on PATH',
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'gm-test-nats-'));
  try {
    const port = await freePort();
    const server = startProcess(bin, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', dir], {
      spawnOptions: { cwd: dir },
      dir,
      stopSignal: 'SIGTERM',
    });
    const url = `nats://127.0.0.1:${port}`;
    await server.until(() => jetStreamAnswers(url), 'nats-server');
    return { url, source: `local nats-server (${bin})`, stop: server.stop };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

function pathDirs() {
  return (process.env.PATH ?? '').split(delimiter).filter(Boolean);
}

function findPostgresBin() {
  const versioned = (root) => {
    try {
      return readdirSync(root)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => join(root, version, 'bin'));
    } catch {
      return [];
    }
  };
  const dirs = [...pathDirs(), ...versioned('/usr/lib/postgresql'), '/usr/local/pgsql/bin'];
  return dirs.find(
    (dir) => isExecutable(join(dir, 'initdb')) && isExecutable(join(dir, 'postgres')),
  );
}

function findExecutable(name, dirs) {
  return dirs.map((dir) => join(dir, name)).find(isExecutable);
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function unprivilegedUser() {
  const users = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .filter((fields) => fields.length >= 4);
  for (const name of ['postgres', 'nobody']) {
    const fields = users.find((f) => f[0] === name);
    if (fields) return { uid: Number(fields[2]), gid: Number(fields[3]) };
  }
  throw new Error('running as root, and there is no postgres or nobody user to run PostgreSQL as');
}

/** Runs a command to completion; rejects with its output when it fails. */
function runToEnd(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = tail(child);
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} failed (${signal ?? code}):\n${output()}`)),
    );
  });
}

/**
 * Starts a long-running server that owns the temp directory `dir`: stop() ends it with
 * `stopSignal` and removes `dir`; if jest ends without stopping it, it is killed at exit.
 */
function startProcess(command, args, { spawnOptions, dir, stopSignal }) {
  const child = spawn(command, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = tail(child);
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  let spawnError;
  child.once('error', (error) => (spawnError = error));
  const kill = () => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL');
  const killAndClean = () => {
    kill();
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // best effort at exit: a temp directory is all that is left
    }
  };
  killAtExit.add(killAndClean);
  installExitHandlers();
  return {
    /** Polls `probe` until it succeeds, failing early if the process dies. */
    until: async (probe, what) => {
      const deadline = Date.now() + READY_TIMEOUT_MS;
      let lastError;
      while (Date.now() < deadline) {
        if (spawnError) throw spawnError;
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`${what} exited before it was ready:\n${output()}`);
        }
        try {
          await probe();
          return;
        } catch (error) {
          lastError = error;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      kill();
      throw new Error(
        `${what} was not ready after ${READY_TIMEOUT_MS} ms (${lastError?.message}):\n${output()}`,
      );
    },
    stop: async () => {
      killAtExit.delete(killAndClean);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(stopSignal);
        const timer = setTimeout(kill, STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// Servers still running when jest ends without its teardown (a crash, Ctrl-C, `timeout`) would
// outlive it: kill them on exit and on the usual termination signals.
const killAtExit = new Set();
const TERMINATING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let exitHandlersInstalled = false;

function installExitHandlers() {
  if (exitHandlersInstalled) return;
  exitHandlersInstalled = true;
  const killAll = () => killAtExit.forEach((killAndClean) => killAndClean());
  process.once('exit', killAll);
  const onSignal = (signal) => {
    killAll();
    for (const s of TERMINATING_SIGNALS) process.removeListener(s, onSignal);
    // Re-raise: a listener (ours) keeps Node from ending on the signal, and libraries such as
    // signal-exit only re-raise when theirs are the last listeners; now they are, or none are left.
    process.kill(process.pid, signal);
  };
  for (const signal of TERMINATING_SIGNALS) process.once(signal, onSignal);
}

/** Keeps the last few KB a process wrote, for error messages; also keeps its pipes drained. */
function tail(child, limit = 8_192) {
  let text = '';
  const keep = (chunk) => {
    text = (text + chunk.toString()).slice(-limit);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return () => text;
}

async function pgAnswers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  await client.connect();
  try {
    await client.query('select 1');
  } finally {
    await client.end();
  }
}

async function jetStreamAnswers(url) {
  const nc = await connect({ servers: url, noAsyncTraces: true, reconnect: false, timeout: 1_000 });
  try {
    await (await nc.jetstreamManager()).getAccountInfo();
  } finally {
    await nc.close();
  }
}

// ---- after the run ----

/** Databases that test files of this run created and did not drop (a crashed or killed file). */
async function dropRunDatabases(adminUrl, runId) {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    // The same reduction as createTestDatabase's name.
    const prefix = `gm_t_${
      runId
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '')
        .slice(0, 12) || 'x'
    }_`;
    const { rows } = await client.query(
      `select datname from pg_database where starts_with(datname, $1)`,
      [prefix],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname.replaceAll('"', '""')}" WITH (FORCE)`);
    }
  } catch (error) {
    console.warn(`[test servers] could not drop this run's leftover databases: ${error.message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

// ---- small helpers ----

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function redact(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
