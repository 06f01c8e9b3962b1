// `npm run bench [-- <name>...]`: runs the benchmarks (all, or the named ones), prints one table
// (each figure beside the baseline measured in the same run, and the ratio) and writes
// bench/results/<date>.json. Needs the built apps (`npm run build`), PostgreSQL and NATS.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_DIR, median, ROOT, settings, startNode } from './lib/common.mjs';

const SUITES = [
  'nats',
  'pg',
  'http',
  'catalogue',
  'bookings',
  'availability',
  'tickets',
  'events',
  'startup',
  'allocation',
];

const usage = `Usage: npm run bench [-- <name>...] [-- --list]
  names: ${SUITES.join(', ')}
  environment: BENCH_DURATION (s, default 4), BENCH_WARMUP (s, 2), BENCH_RUNS (3),
  BENCH_INFLIGHT (64), BENCH_EVENTS (20000), BENCH_BOOKINGS (1000000, availability),
  BENCH_CONSUMER_BATCH (64) and BENCH_CONSUMER_CONCURRENCY (library default) of the events
  suite's handler, BENCH_DATABASE_URL, BENCH_NATS_URL,
  BENCH_CPU_PROF=<dir> (profile the platform's processes with --cpu-prof, a directory each)`;

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: { list: { type: 'boolean' }, help: { type: 'boolean' } },
});
if (flags.help) {
  console.log(usage);
  process.exit(0);
}
if (flags.list) {
  for (const name of SUITES) {
    const { description } = await import(`./suites/${name}.mjs`);
    console.log(`${name.padEnd(12)} ${description}`);
  }
  process.exit(0);
}
const unknown = positionals.filter((name) => !SUITES.includes(name));
if (unknown.length) {
  console.error(`unknown benchmark: ${unknown.join(', ')}\n${usage}`);
  process.exit(2);
}
const selected = positionals.length ? SUITES.filter((name) => positionals.includes(name)) : SUITES;

const version = (pkg) => {
  try {
    return JSON.parse(readFileSync(resolve(ROOT, 'node_modules', pkg, 'package.json'), 'utf8'))
      .version;
  } catch {
    return '?';
  }
};
const serverVersions = async () => {
  const { connect } = await import('nats');
  const pg = (await import('pg')).default;
  const nc = await connect({ servers: settings.natsUrl });
  const nats = nc.info?.version ?? '?';
  await nc.close();
  const client = new pg.Client({ connectionString: settings.databaseUrl });
  await client.connect();
  const { rows } = await client.query('show server_version');
  await client.end();
  return { nats, postgres: rows[0].server_version };
};

const machine = {
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? '?',
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  ...(await serverVersions()),
  packages: Object.fromEntries(
    ['nats', 'pg', 'fastify', 'kysely', '@nestjs/core', '@nestjs/microservices', 'autocannon'].map(
      (p) => [p, version(p)],
    ),
  ),
  commit: (() => {
    try {
      return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
    } catch {
      return '?';
    }
  })(),
};
const settingsLine = `${settings.runs} runs of ${settings.durationS} s after ${settings.warmupS} s warm-up, median; ${settings.inflight} in flight`;
console.log(
  `machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB; node ${machine.node}; NATS ${machine.nats}; PostgreSQL ${machine.postgres}`,
);
console.log(
  `packages: ${Object.entries(machine.packages)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}`,
);
console.log(`settings: ${settingsLine}\n`);

const failures = [];
/** What a suite gets: row building, measured-once baselines shared across suites, processes. */
const shared = new Map();
const ctx = {
  row(name, figure, { unit, baseline, note, target, processes } = {}) {
    const ratio = baseline ? figure.rate / baseline.rate : undefined;
    const p99Ratio =
      baseline && Number.isFinite(figure.p99) ? figure.p99 / baseline.p99 : undefined;
    const met = target?.(figure, baseline, { ratio, p99Ratio });
    return {
      name,
      unit,
      rate: figure.rate,
      p50: figure.p50,
      p99: figure.p99,
      runs: figure.runs,
      baseline: baseline && {
        name: baseline.name,
        rate: baseline.rate,
        p50: baseline.p50,
        p99: baseline.p99,
      },
      ratio,
      p99Ratio,
      target: met,
      note,
      processes,
      extra: figure.extra,
    };
  },
  medianOf(runs) {
    return {
      rate: median(runs.map((r) => r.rate)),
      p50: median(runs.map((r) => r.p50)),
      p99: median(runs.map((r) => r.p99)),
      runs,
    };
  },
  /** A baseline measured once per `npm run bench`, however many suites compare with it. */
  once(key, measure) {
    if (!shared.has(key)) shared.set(key, measure());
    return shared.get(key);
  },
  /** A figure that cannot be measured yet, shown in the table with the reason. */
  skipped(name, reason) {
    return { name, rate: NaN, p50: NaN, p99: NaN, skipped: reason, note: reason };
  },
  /** A figure whose measurement failed while the suite's others stand; the run still fails. */
  failed(name, error) {
    const reason = error.message.split('\n')[0];
    failures.push({ suite: name, error: error.stack ?? String(error) });
    return { name, rate: NaN, p50: NaN, p99: NaN, failed: reason, note: reason };
  },
  startNode,
};

function fmt(value, digits = 0) {
  if (value === undefined || value === null || Number.isNaN(value)) return '—';
  if (Math.abs(value) < 10 && digits === 0) return value.toFixed(2);
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}
const pct = (ratio) => (ratio === undefined ? '—' : `${Math.round(ratio * 100)} %`);
const ms = (value) =>
  value === undefined || Number.isNaN(value)
    ? '—'
    : value < 10
      ? value.toFixed(2)
      : value.toFixed(1);

const results = [];
const started = Date.now();
for (const name of selected) {
  const suiteStarted = Date.now();
  console.log(`▶ ${name}`);
  try {
    const suite = await import(`./suites/${name}.mjs`);
    const rows = await suite.run(ctx);
    for (const row of rows) {
      results.push({ suite: name, ...row });
      console.log(
        `  ${row.name}: ${fmt(row.rate)} ${row.unit ?? ''}${row.ratio !== undefined ? ` (${pct(row.ratio)} of ${row.baseline.name})` : ''}`,
      );
    }
  } catch (error) {
    failures.push({ suite: name, error: error.stack ?? String(error) });
    console.log(`  FAILED: ${error.message.split('\n')[0]}`);
  }
  console.log(`  (${Math.round((Date.now() - suiteStarted) / 1000)} s)`);
}

const header = [
  'suite',
  'figure',
  'value',
  'p50 ms',
  'p99 ms',
  'baseline (same run)',
  'baseline',
  'ratio',
  'p99 ×',
  'target',
  'RSS MB (peak; start-up: at rest)',
];
const table = results.map((r) => [
  r.suite,
  r.name,
  `${fmt(r.rate)} ${r.unit ?? ''}`.trim(),
  ms(r.p50),
  ms(r.p99),
  r.baseline?.name ?? '—',
  r.baseline ? `${fmt(r.baseline.rate)} ${r.unit ?? ''}`.trim() : '—',
  pct(r.ratio),
  r.p99Ratio === undefined ? '—' : r.p99Ratio.toFixed(2),
  r.failed
    ? `FAILED: ${r.failed.slice(0, 100)}`
    : r.skipped
      ? `SKIPPED: ${r.skipped}`
      : r.target === undefined
        ? ''
        : r.target.ok
          ? `ok (${r.target.text})`
          : `MISSED (${r.target.text})`,
  r.processes
    ? Object.entries(r.processes)
        .map(([k, v]) => `${k} ${Math.round(v)}`)
        .join(', ')
    : '',
]);
const widths = header.map((h, i) =>
  Math.max(h.length, ...table.map((row) => String(row[i]).length)),
);
const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
console.log(`\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of table) console.log(line(row));
for (const failure of failures) console.log(`\n${failure.suite} FAILED:\n${failure.error}`);
console.log(
  `\n${results.length} figures in ${Math.round((Date.now() - started) / 1000)} s; ${failures.length} suites failed`,
);

const dir = resolve(BENCH_DIR, 'results');
if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
const file = resolve(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(
  file,
  `${JSON.stringify({ date: new Date().toISOString(), machine, settings: { ...settings, databaseUrl: undefined, natsUrl: undefined }, suites: selected, results, failures }, null, 2)}\n`,
);
console.log(`results: ${file}`);
process.exit(failures.length ? 1 : 0);
