import { isEligible, type AllocationMethod, type CompiledProblem } from './allocation-problem.js';

/**
 * Checkers of a matching's properties, for tests and for auditors replaying a round. They work on
 * index form: `prefs[a]` is applicant a's acceptable units best first, as the method reads them.
 */

/** The acceptable units of each applicant as `method` reads them (YRMH-IGYT: up to its own unit). */
export function effectivePreferences(
  problem: CompiledProblem,
  method: AllocationMethod,
): number[][] {
  return problem.applicantIds.map((_, a) => {
    const listed = Array.from(
      problem.prefUnits.subarray(problem.prefStart[a], problem.prefStart[a + 1]),
    );
    if (method !== 'yrmh-igyt') return listed.filter((u) => isEligible(problem.unitRank, a, u));
    const home = problem.tenantOf[a];
    if (home === -1) return listed;
    const at = listed.indexOf(home);
    return at === -1 ? [...listed, home] : listed.slice(0, at + 1);
  });
}

/** Problems with a matching: a unit not acceptable to its applicant, or over capacity. */
export function feasibilityViolations(
  prefs: readonly (readonly number[])[],
  capacity: ArrayLike<number>,
  assigned: ArrayLike<number>,
): string[] {
  const violations: string[] = [];
  const used = new Map<number, number>();
  prefs.forEach((list, a) => {
    const u = assigned[a];
    if (u === -1) return;
    if (!list.includes(u)) violations.push(`applicant ${a} got unacceptable unit ${u}`);
    used.set(u, (used.get(u) ?? 0) + 1);
  });
  for (const [u, count] of used) {
    if (count > capacity[u]) violations.push(`unit ${u} holds ${count} > ${capacity[u]}`);
  }
  return violations;
}

/** How much `a` likes `u` (lower is better; being unassigned is worst). */
function place(list: readonly number[], u: number): number {
  const at = u === -1 ? -1 : list.indexOf(u);
  return at === -1 ? list.length : at;
}

/**
 * A feasible matching that makes nobody worse off and somebody better off, or null. Brute force
 * over every feasible matching: for small instances only.
 */
export function paretoImprovement(
  prefs: readonly (readonly number[])[],
  capacity: ArrayLike<number>,
  assigned: ArrayLike<number>,
): number[] | null {
  const n = prefs.length;
  const left = Array.from(capacity);
  const candidate = new Array<number>(n).fill(-1);
  const search = (a: number, strictlyBetter: boolean): boolean => {
    if (a === n) return strictlyBetter;
    const current = place(prefs[a], assigned[a]);
    // Only outcomes at least as good as the current one for a.
    for (let k = 0; k <= Math.min(current, prefs[a].length - 1); k++) {
      const u = prefs[a][k];
      if (left[u] === 0) continue;
      left[u]--;
      candidate[a] = u;
      if (search(a + 1, strictlyBetter || k < current)) return true;
      left[u]++;
    }
    if (current === prefs[a].length) {
      candidate[a] = -1;
      if (search(a + 1, strictlyBetter)) return true;
    }
    return false;
  };
  return search(0, false) ? [...candidate] : null;
}

/**
 * Pairs (applicant, unit) that block the matching: the applicant prefers the unit, is eligible,
 * and the unit has a free dwelling or holds someone of lower priority there.
 */
export function blockingPairs(
  problem: CompiledProblem,
  prefs: readonly (readonly number[])[],
  assigned: ArrayLike<number>,
  priority: (unit: number, applicant: number) => number,
): Array<[number, number]> {
  const holders = new Map<number, number[]>();
  prefs.forEach((_, a) => {
    if (assigned[a] !== -1) holders.set(assigned[a], [...(holders.get(assigned[a]) ?? []), a]);
  });
  const pairs: Array<[number, number]> = [];
  prefs.forEach((list, a) => {
    const current = place(list, assigned[a]);
    for (let k = 0; k < current; k++) {
      const u = list[k];
      const holding = holders.get(u) ?? [];
      if (
        holding.length < problem.capacity[u] ||
        holding.some((b) => priority(u, a) < priority(u, b))
      ) {
        pairs.push([a, u]);
      }
    }
  });
  return pairs;
}

/** Whether `a` strictly prefers `x` to `y` under `list` (units; -1 is unassigned). */
export function prefers(list: readonly number[], x: number, y: number): boolean {
  return place(list, x) < place(list, y);
}
