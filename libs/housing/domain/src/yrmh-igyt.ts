import type { CompiledProblem } from './allocation-problem.js';

/**
 * How YRMH-IGYT settled an applicant: nothing acceptable was left (`none`); a tenant kept its own
 * unit; took a vacant dwelling (possibly one a moving tenant had just freed); traded in a cycle.
 */
export type YrmhSettlement = 'none' | 'kept-own-unit' | 'vacant' | 'cycle';

export interface YrmhIgytRun {
  /** Unit of each applicant (by place in the order), or -1. */
  assigned: Int32Array;
  /** How each applicant (by place) was settled. */
  settled: YrmhSettlement[];
  /** The trading cycles as applicant places, in request order: each member receives the unit of the next, the last the first's. */
  cycles: number[][];
  /** Index into `cycles` of each applicant's cycle, or -1. */
  cycleOf: Int32Array;
}

/**
 * YRMH-IGYT (Abdulkadiroğlu & Sönmez 1999, "you request my house — I get your turn"). In
 * priority order each applicant requests its best remaining unit: a vacant dwelling is given at
 * once; a unit whose dwellings are all held by tenants still waiting moves its best-priority
 * tenant to the front of the line; a loop of such requests is a trading cycle and is carried out.
 * A tenant always keeps its own unit as the last acceptable choice (individual rationality). A
 * unit with capacity c is c interchangeable dwellings, those of its tenants among them.
 * Returns the unit of each applicant (by place in the order), or -1.
 */
export function yrmhIgyt(problem: CompiledProblem): Int32Array {
  return yrmhIgytRun(problem).assigned;
}

/** YRMH-IGYT with a trace of how each applicant was settled and of every trading cycle. */
export function yrmhIgytRun(problem: CompiledProblem): YrmhIgytRun {
  const n = problem.applicantIds.length;
  const m = problem.unitIds.length;
  const { prefStart, prefUnits, tenantOf } = problem;

  // Vacant dwellings per unit, and each unit's tenants in priority order (a compressed row).
  const vacant = Int32Array.from(problem.capacity);
  const occupantStart = new Int32Array(m + 1);
  for (let a = 0; a < n; a++) if (tenantOf[a] !== -1) occupantStart[tenantOf[a] + 1]++;
  for (let u = 0; u < m; u++) occupantStart[u + 1] += occupantStart[u];
  const occupants = new Int32Array(occupantStart[m]);
  const occupantHead = Int32Array.from(occupantStart.subarray(0, m));
  const fill = Int32Array.from(occupantStart.subarray(0, m));
  for (let a = 0; a < n; a++) {
    const home = tenantOf[a];
    if (home !== -1) {
      occupants[fill[home]++] = a;
      vacant[home]--;
    }
  }

  const assigned = new Int32Array(n).fill(-1);
  const settled: YrmhSettlement[] = new Array<YrmhSettlement>(n).fill('none');
  const cycleOf = new Int32Array(n).fill(-1);
  const cycles: number[][] = [];
  const done = new Uint8Array(n);
  const pointer = Int32Array.from(prefStart.subarray(0, n));
  const stack = new Int32Array(n);
  const stackPlace = new Int32Array(n).fill(-1);
  const requested = new Int32Array(n).fill(-1);
  let depth = 0;
  let next = 0;

  const firstOccupant = (u: number): number => {
    const end = occupantStart[u + 1];
    while (occupantHead[u] < end && done[occupants[occupantHead[u]]]) occupantHead[u]++;
    return occupantHead[u] < end ? occupants[occupantHead[u]] : -1;
  };
  // Dwellings only ever leave the market, so each pointer moves forward only: O(n + L) overall.
  const bestRemaining = (a: number): number => {
    const home = tenantOf[a];
    const end = prefStart[a + 1];
    while (pointer[a] < end) {
      const u = prefUnits[pointer[a]];
      if (u === home || vacant[u] > 0 || firstOccupant(u) !== -1) return u;
      pointer[a]++;
    }
    return home;
  };
  const settle = (a: number, u: number) => {
    assigned[a] = u;
    done[a] = 1;
    stackPlace[a] = -1;
  };

  for (;;) {
    if (depth === 0) {
      while (next < n && done[next]) next++;
      if (next === n) break;
      stackPlace[next] = 0;
      stack[depth++] = next;
    }
    const a = stack[depth - 1];
    const u = bestRemaining(a);
    const home = tenantOf[a];
    if (u === -1) {
      done[a] = 1; // a newcomer with nothing acceptable left
      stackPlace[a] = -1;
      depth--;
    } else if (u === home) {
      settle(a, u);
      settled[a] = 'kept-own-unit';
      depth--;
    } else if (vacant[u] > 0) {
      vacant[u]--;
      if (home !== -1) vacant[home]++;
      settle(a, u);
      settled[a] = 'vacant';
      depth--;
    } else {
      const tenant = firstOccupant(u);
      requested[a] = u;
      if (stackPlace[tenant] === -1) {
        stackPlace[tenant] = depth;
        stack[depth++] = tenant;
      } else {
        // A loop: everyone from the tenant up to `a` gets the unit they requested.
        const bottom = stackPlace[tenant];
        for (let k = bottom; k < depth; k++) vacant[tenantOf[stack[k]]]++;
        const cycle: number[] = [];
        for (let k = bottom; k < depth; k++) {
          vacant[requested[stack[k]]]--;
          cycle.push(stack[k]);
          cycleOf[stack[k]] = cycles.length;
          settled[stack[k]] = 'cycle';
          settle(stack[k], requested[stack[k]]);
        }
        cycles.push(cycle);
        depth = bottom;
      }
    }
  }
  return { assigned, settled, cycles, cycleOf };
}
