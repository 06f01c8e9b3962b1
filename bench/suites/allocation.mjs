// The housing allocation engine, benchmarked by bench/allocation/run.mjs (the housing service's
// own script). Contract: `node bench/allocation/run.mjs --json` prints, as its last stdout line,
// a JSON array of `{ name, applicants, mechanism, ms }` (median wall time of one allocation).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { BENCH_DIR } from '../lib/common.mjs';

export const description =
  'housing allocation engine (bench/allocation/run.mjs), 20,000 and 100,000 applicants';

const SCRIPT = resolve(BENCH_DIR, 'allocation', 'run.mjs');
const LIMIT_MS = { 20000: 1000, 100000: 5000 };

export async function run(ctx) {
  if (!existsSync(SCRIPT)) {
    return [ctx.skipped('allocation engine', 'bench/allocation/run.mjs does not exist yet')];
  }
  const output = await new Promise((done, fail) => {
    const child = spawn(process.execPath, [SCRIPT, '--json'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.once('exit', (code) =>
      code === 0 ? done(out) : fail(new Error(`${SCRIPT} exited with ${code}`)),
    );
  });
  const figures = JSON.parse(output.trim().split('\n').pop());
  return figures.map((figure) =>
    ctx.row(
      figure.name ?? `allocation ${figure.mechanism}, ${figure.applicants} applicants`,
      { rate: figure.ms, p50: NaN, p99: NaN },
      {
        unit: 'ms',
        target: () =>
          LIMIT_MS[figure.applicants] === undefined
            ? undefined
            : {
                ok: figure.ms < LIMIT_MS[figure.applicants],
                text: `< ${LIMIT_MS[figure.applicants]} ms`,
              },
      },
    ),
  );
}
