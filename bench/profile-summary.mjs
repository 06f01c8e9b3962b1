// `node bench/profile-summary.mjs <file.cpuprofile> [top]`: the functions with the most self time
// in a V8 CPU profile (written by BENCH_CPU_PROF=<dir> npm run bench -- <name>), and the share of
// time per package, to see what limits a figure without a GUI.
import { readFileSync } from 'node:fs';

const [file, top = '20'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/profile-summary.mjs <file.cpuprofile> [top]');
  process.exit(2);
}
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
