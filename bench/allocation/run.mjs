// Allocation engine benchmark (not part of npm test): 20,000 and 100,000 applicants, lists of 10,
// 5,000 units, each mechanism. Run after `npm run build`:  node bench/allocation/run.mjs [sizes…]
import { performance } from 'node:perf_hooks';
import { allocate, compileProblem, runMechanism } from '../../libs/housing/domain/dist/index.js';

const UNITS = 5_000;
const LIST = 10;
const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const SIZES = sizes.length > 0 ? sizes : [20_000, 100_000];

/** mulberry32: a fixed pseudo-random stream, so every run times the same instance. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Popular units are listed more often (a skewed market, as real ones are). */
function problem(n, method) {
  const next = random(n);
  const unitIds = Array.from({ length: UNITS }, (_, u) => `u${u}`);
  const applicants = Array.from({ length: n }, (_, a) => {
    const picked = new Set();
    while (picked.size < LIST) picked.add(Math.floor(UNITS * next() ** 2));
    return { id: `a${a}`, preferences: [...picked].map((u) => unitIds[u]) };
  });
  // YRMH-IGYT: the first 1,000 applicants already rent one unit each.
  if (method === 'yrmh-igyt') {
    for (let a = 0; a < 1_000; a++) applicants[a].tenantOf = unitIds[UNITS - 1 - a];
  }
  const units = unitIds.map((id) => ({ id, capacity: 1 }));
  // Deferred acceptance: every tenth unit ranks its own subdistrict's applicants first.
  if (method === 'deferred-acceptance') {
    const listers = new Map();
    applicants.forEach((a) => {
      for (const u of a.preferences) (listers.get(u) ?? listers.set(u, []).get(u)).push(a.id);
    });
    units.forEach((unit, u) => {
      if (u % 10 !== 0) return;
      const local = listers.get(unit.id) ?? [];
      const first = local.filter((id) => Number(id.slice(1)) % 7 === u % 7);
      unit.priority = [...first, ...local.filter((id) => Number(id.slice(1)) % 7 !== u % 7)];
    });
  }
  return { applicants, units, seed: `bench-${n}` };
}

const time = (f) => {
  const start = performance.now();
  const value = f();
  return { value, ms: performance.now() - start };
};

// `--json`: also print, as the last line, `[{name, applicants, mechanism, ms}]` (ms: allocate, all
// of it, best of 3) for `npm run bench -- allocation` (bench/suites/allocation.mjs).
const json = process.argv.includes('--json');
const figures = [];
console.log(`units ${UNITS}, lists of ${LIST}; times in ms (best of 3)`);
console.log('method                applicants   compile   mechanism   allocate (all)   assigned');
for (const n of SIZES) {
  for (const method of ['serial-dictatorship', 'yrmh-igyt', 'deferred-acceptance']) {
    const input = problem(n, method);
    let best = { compile: Infinity, run: Infinity, total: Infinity, assigned: 0 };
    for (let round = 0; round < 3; round++) {
      const compiled = time(() => compileProblem(input));
      const run = time(() => runMechanism(method, compiled.value));
      const total = time(() => allocate(method, input));
      best = {
        compile: Math.min(best.compile, compiled.ms),
        run: Math.min(best.run, run.ms),
        total: Math.min(best.total, total.ms),
        assigned: total.value.assignments.length,
      };
    }
    figures.push({
      name: `allocation ${method}, ${n.toLocaleString('en-US')} applicants`,
      applicants: n,
      mechanism: method,
      ms: best.total,
    });
    console.log(
      `${method.padEnd(22)}${String(n).padStart(10)}${best.compile.toFixed(1).padStart(10)}` +
        `${best.run.toFixed(1).padStart(12)}${best.total.toFixed(1).padStart(17)}${String(best.assigned).padStart(11)}`,
    );
  }
}
if (json) console.log(JSON.stringify(figures));
