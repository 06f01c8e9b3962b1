// HTTP load from a separate process (autocannon), a warm-up, then the median of several runs.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { BENCH_DIR, median, settings } from './common.mjs';

const WORKER = resolve(BENCH_DIR, 'lib', 'autocannon-worker.mjs');

/**
 * One autocannon run. `bodyTemplate` or `bodies` (see autocannon-worker.mjs) gives each request
 * its own body; `expect` lists the statuses that count as answered (default: any 2xx).
 */
export function httpRun({
  url,
  method = 'GET',
  bodyTemplate,
  bodies,
  slotBase,
  headers = {},
  durationS,
  connections,
  expect,
}) {
  const options = {
    url,
    method,
    connections: connections ?? settings.inflight,
    duration: durationS,
    headers: bodyTemplate || bodies ? { 'content-type': 'application/json', ...headers } : headers,
    ...(bodyTemplate ? { bodyTemplate, slotBase } : {}),
    ...(bodies ? { bodies } : {}),
  };
  return new Promise((done, fail) => {
    // Options on stdin: a list of bodies is larger than one argument may be.
    const child = spawn(process.execPath, [WORKER], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.end(JSON.stringify(options));
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.once('exit', (code) => {
      if (code !== 0) return fail(new Error(`autocannon exited with ${code}: ${err}`));
      const result = JSON.parse(out.trim().split('\n').pop());
      if (result.exhausted) {
        return fail(
          new Error(
            `${method} ${url}: more requests than the ${bodies.length} distinct bodies in ` +
              `${durationS} s; the repeats would measure refusals (shorten BENCH_DURATION)`,
          ),
        );
      }
      const unexpected = expect
        ? Object.entries(result.statusCodes).filter(([code]) => !expect.includes(Number(code)))
        : [];
      if (
        result.requests === 0 ||
        result.errors > 0 ||
        (expect ? unexpected.length > 0 : result.non2xx > 0)
      ) {
        return fail(
          new Error(
            `${method} ${url}: ${result.errors} errors, ${result.non2xx} non-2xx answers ` +
              `(${JSON.stringify(result.statusCodes)}): the figure would measure failures`,
          ),
        );
      }
      done(result);
    });
  });
}

/**
 * A warm-up run, then `settings.runs` measured runs; the median of throughput and percentiles.
 * `before()` runs before each run (e.g. frees the slots the previous run booked); `figure(result)`
 * picks the rate a run counts (default: answers per second).
 */
export async function httpBench({ before, figure, ...request }) {
  await before?.();
  await httpRun({ ...request, durationS: settings.warmupS });
  const runs = [];
  for (let i = 0; i < settings.runs; i++) {
    await before?.();
    const result = await httpRun({ ...request, durationS: settings.durationS });
    runs.push({ ...result, rate: figure ? figure(result) : result.rate });
  }
  return {
    rate: median(runs.map((r) => r.rate)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    runs: runs.map(({ rate, p50, p99, requests, statusCodes }) => ({
      rate,
      p50,
      p99,
      requests,
      statusCodes,
    })),
  };
}
