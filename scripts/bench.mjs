// `npm run bench`: installs and builds what a fresh clone lacks (the benchmarks start the BUILT
// apps), then runs bench/run.mjs with the given arguments, e.g. `npm run bench -- catalogue`.
// `--no-build` skips the build.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './lib/dependencies.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

ensureDependencies(root);
if (!args.includes('--no-build') && !args.includes('--list')) {
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  const built = spawnSync(process.execPath, [tsc, '-b', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) {
    console.error('the build failed (errors above); no benchmark was run');
    process.exit(built.status ?? 1);
  }
}
const bench = spawn(
  process.execPath,
  [join(root, 'bench/run.mjs'), ...args.filter((a) => a !== '--no-build')],
  { cwd: root, stdio: 'inherit' },
);
// Pass a stop on, then exit as the benchmark does (it cleans up its databases and streams).
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => bench.kill(signal));
bench.on('close', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
