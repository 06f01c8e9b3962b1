// `npm test`: builds (the end-to-end tests spawn the built apps), runs every jest project, and ends
// with one plain line `<N> passed, <M> failed[, <K> skipped]`. Extra arguments go to jest, e.g.
// `npm test -- --selectProjects unit`; `npm test -- --no-build` skips the build.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './lib/dependencies.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** @type {import('node:child_process').ChildProcess | null} */
let current = null;

/** Runs a command with the terminal attached; resolves its exit code (1 if killed). */
function run(command, args, env = process.env) {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
    current = child;
    child.on('error', (error) => {
      console.error(`could not run ${command}: ${error.message}`);
      done(1);
    });
    child.on('close', (code, signal) => done(signal ? 1 : (code ?? 1)));
  });
}

/** The summary line from jest's --json results; a suite that could not run counts as one failure. */
function summarize(results) {
  const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
  const skipped = results.numPendingTests + results.numTodoTests;
  return `${results.numPassedTests} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}

async function main() {
  const args = process.argv.slice(2);
  const skipBuild = args.includes('--no-build');
  const jestArgs = args.filter((a) => a !== '--no-build');

  // Pass a stop on to the running step, then stay to report what it says.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => current?.kill(signal));

  ensureDependencies(root);
  if (!skipBuild) {
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const built = await run(process.execPath, [tsc, '-b', 'tsconfig.build.json']);
    if (built !== 0) {
      console.error('the build failed (errors above); no tests were run');
      process.exit(built);
    }
  }

  const outDir = mkdtempSync(join(tmpdir(), 'gm-jest-'));
  const outputFile = join(outDir, 'results.json');
  const nodeOptions = [process.env.NODE_OPTIONS, '--experimental-vm-modules']
    .filter(Boolean)
    .join(' ');
  const jest = join(root, 'node_modules/jest/bin/jest.js');
  const code = await run(
    process.execPath,
    [jest, '--ci', '--maxWorkers=2', '--json', `--outputFile=${outputFile}`, ...jestArgs],
    { ...process.env, NODE_OPTIONS: nodeOptions },
  );

  try {
    console.log(summarize(JSON.parse(readFileSync(outputFile, 'utf8'))));
  } catch {
    console.error('jest wrote no results (see its output above)');
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  process.exit(code);
}

await main();
