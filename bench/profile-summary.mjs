// `node bench/profile-summary.mjs <file.cpuprofile | process dir> [top]`: the functions with the
// most self time in a V8 CPU profile (written by BENCH_CPU_PROF=<dir> npm run bench -- <name>, one
// directory per process, e.g. <dir>/gateway.<time>/), and the share of time per package, to see
// what limits a figure without a GUI. Given a directory, it reads the main thread's profile.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const [input, top = '20'] = process.argv.slice(2);
if (!input) {
  console.error('usage: node bench/profile-summary.mjs <file.cpuprofile | process dir> [top]');
  process.exit(2);
}
// CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the main thread.
const mainThread = (dir) => {
  const found = readdirSync(dir).find((name) =>
    /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(name),
  );
  if (!found) throw new Error(`no main-thread profile in ${dir}`);
  return join(dir, found);
};
const file = statSync(input).isDirectory() ? mainThread(input) : input;
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map();
const dt = profile.timeDeltas;
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

const where = (url) => {
  if (!url) return '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node core';
  const lib = /\/(libs\/[^/]+\/[^/]+|apps\/[^/]+)\//.exec(url);
  return lib ? lib[1] : url;
};
const functions = new Map();
const packages = new Map();
for (const [id, time] of self) {
  const { callFrame } = byId.get(id);
  const name = `${callFrame.functionName || '(anonymous)'} ${where(callFrame.url)}${callFrame.url ? `:${callFrame.lineNumber + 1}` : ''}`;
  functions.set(name, (functions.get(name) ?? 0) + time);
  const pkg = callFrame.url ? where(callFrame.url) : callFrame.functionName || '(native)';
  packages.set(pkg, (packages.get(pkg) ?? 0) + time);
}
const show = (title, map) => {
  console.log(title);
  for (const [name, time] of [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) {
    console.log(`  ${((100 * time) / total).toFixed(1).padStart(5)} %  ${name}`);
  }
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
show('self time by package:', packages);
show('self time by function:', functions);
