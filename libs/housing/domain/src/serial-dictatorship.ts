import { isEligible, type CompiledProblem } from './allocation-problem.js';

export interface SerialDictatorshipRun {
  /** Unit of each applicant (by place in the order), or -1. */
  assigned: Int32Array;
  /** Per unit, the place of the applicant who took its last dwelling; -1 if it never ran out. */
  ranOutAt: Int32Array;
}

/**
 * Serial dictatorship: in priority order, each applicant gets the first unit on its list that is
 * eligible and still has a dwelling. Tenancy plays no part. O(n + L).
 */
export function serialDictatorship(problem: CompiledProblem): SerialDictatorshipRun {
  const n = problem.applicantIds.length;
  const left = Int32Array.from(problem.capacity);
  const assigned = new Int32Array(n).fill(-1);
  const ranOutAt = new Int32Array(left.length).fill(-1);
  const { prefStart, prefUnits, unitRank } = problem;
  for (let a = 0; a < n; a++) {
    for (let k = prefStart[a]; k < prefStart[a + 1]; k++) {
      const u = prefUnits[k];
      if (left[u] > 0 && isEligible(unitRank, a, u)) {
        assigned[a] = u;
        if (--left[u] === 0) ranOutAt[u] = a;
        break;
      }
    }
  }
  return { assigned, ranOutAt };
}
