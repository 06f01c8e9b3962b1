// Shared pieces of the benchmark suite: settings, statistics, child processes, RSS, databases.
/* global AbortSignal, fetch, performance */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BENCH_DIR = resolve(ROOT, 'bench');

const number = (name, fallback) => {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} must be a positive number`);
  return parsed;
};

/** Settings, from the environment so a quick or a long run needs no code change. */
export const settings = {
  databaseUrl:
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres',
  natsUrl: process.env.BENCH_NATS_URL ?? process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222',
  /** Seconds of each measured run. */
  durationS: number('BENCH_DURATION', 4),
  /** Seconds of warm-up before the measured runs. */
  warmupS: number('BENCH_WARMUP', 2),
  /** Measured runs per figure; the median is reported. */
  runs: number('BENCH_RUNS', 3),
  /** Requests in flight (HTTP connections, NATS requests, pg queries). */
  inflight: number('BENCH_INFLIGHT', 64),
  /** Events per pipeline throughput run. */
  events: number('BENCH_EVENTS', 20_000),
};

export const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile of unsorted values. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** A unique lower-case name, safe as a NATS token and an SQL identifier. */
export const uniqueName = (label) => `bench_${label}_${randomBytes(4).toString('hex')}`;

/**
 * Keeps `inflight` calls of `op` running for `durationMs`; returns the completed rate and the
 * latency percentiles in milliseconds. A failed call stops the run: a benchmark of errors is wrong.
 */
export async function closedLoop(op, { inflight = settings.inflight, durationMs }) {
  const latencies = [];
  const started = performance.now();
  const deadline = started + durationMs;
  let failure;
  const worker = async () => {
    while (failure === undefined && performance.now() < deadline) {
      const t0 = performance.now();
      try {
        await op();
      } catch (error) {
        failure = error;
        return;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: inflight }, worker));
  if (failure !== undefined) throw failure;
  const elapsedS = (performance.now() - started) / 1000;
  return {
    rate: latencies.length / elapsedS,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

/** A warm-up run, then `settings.runs` measured runs; the median of each figure. */
export async function repeated(run, { warmup = true } = {}) {
  if (warmup) await run(settings.warmupS * 1000);
  const results = [];
  for (let i = 0; i < settings.runs; i++) results.push(await run(settings.durationS * 1000));
  const pick = (key) => median(results.map((r) => r[key]));
  return { rate: pick('rate'), p50: pick('p50'), p99: pick('p99'), runs: results };
}

/** Resident and peak resident set size of a process in MB (Linux /proc). */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: NaN, peakRssMb: NaN };
  }
}

/** The ids of a process's children (Linux /proc). */
export function childrenOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

export function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

const live = new Set();
// The runner must not leave servers behind, whatever happens to it.
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/**
 * Starts a Node process and keeps its output; `ready(text)` on the output, or the `readyUrl`
 * answering 200, resolves the start.
 */
export async function startNode(
  name,
  args,
  { env = {}, readyLine, readyUrl, timeoutMs = 120_000, nodeArgs = [] } = {},
) {
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let output = '';
  const keep = (chunk) => {
    output += chunk.toString('utf8');
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((done) =>
    child.once('exit', (code, signal) => {
      live.delete(child);
      done({ code, signal });
    }),
  );
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (gone) throw new Error(`${name} exited before it was ready:\n${output.slice(-3000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} was not ready in ${timeoutMs / 1000} s:\n${output.slice(-3000)}`);
    }
    if (readyLine && output.includes(readyLine)) break;
    if (readyUrl && (await answers(readyUrl))) break;
    await sleep(100);
  }
  return {
    name,
    pid: child.pid,
    output: () => output,
    memory: () => memoryOf(child.pid),
    async stop() {
      if (gone) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function answers(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** A fresh PostgreSQL database on the admin URL; `drop()` removes it. */
export async function createDatabase(label) {
  const name = uniqueName(label);
  const admin = new pg.Client({ connectionString: settings.databaseUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(settings.databaseUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: settings.databaseUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Runs `fn` with resources that are always released, in reverse order, whatever happens. */
export async function using(fn) {
  const releases = [];
  const defer = (release) => releases.push(release);
  try {
    return await fn(defer);
  } finally {
    for (const release of releases.reverse()) {
      try {
        await release();
      } catch (error) {
        console.error(`  (clean-up failed: ${error.message})`);
      }
    }
  }
}
