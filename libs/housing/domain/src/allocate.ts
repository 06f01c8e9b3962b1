import {
  compileProblem,
  type AllocationMethod,
  type AllocationProblem,
  type CompiledProblem,
} from './allocation-problem.js';
import { compareCodeUnits, digestOf } from './canonical-json.js';
import { deferredAcceptance } from './deferred-acceptance.js';
import { serialDictatorship } from './serial-dictatorship.js';
import { yrmhIgyt } from './yrmh-igyt.js';

export interface Assignment {
  applicantId: string;
  unitId: string;
}

/**
 * A mechanism's result in canonical form: assignments by applicant id, unassigned ids sorted
 * (code-unit order), and `digest` = SHA-256 of the canonical JSON of `{assignments, unassigned}`.
 * Identical problems give identical bytes whatever the order of their arrays.
 */
export interface AllocationResult {
  assignments: Assignment[];
  unassigned: string[];
  digest: string;
}

/** Runs a mechanism on a compiled problem: the unit of each applicant (by place), or -1. */
export function runMechanism(method: AllocationMethod, problem: CompiledProblem): Int32Array {
  switch (method) {
    case 'serial-dictatorship':
      return serialDictatorship(problem).assigned;
    case 'yrmh-igyt':
      return yrmhIgyt(problem);
    case 'deferred-acceptance':
      return deferredAcceptance(problem);
  }
}

/** Validates the problem, runs the mechanism, and returns the canonical result with its digest. */
export function allocate(method: AllocationMethod, problem: AllocationProblem): AllocationResult {
  const compiled = compileProblem(problem);
  return canonicalResult(compiled, runMechanism(method, compiled));
}

export function canonicalResult(problem: CompiledProblem, assigned: Int32Array): AllocationResult {
  const assignments: Assignment[] = [];
  const unassigned: string[] = [];
  problem.applicantIds.forEach((applicantId, a) => {
    if (assigned[a] === -1) unassigned.push(applicantId);
    else assignments.push({ applicantId, unitId: problem.unitIds[assigned[a]] });
  });
  assignments.sort((x, y) => compareCodeUnits(x.applicantId, y.applicantId));
  unassigned.sort(compareCodeUnits);
  return { assignments, unassigned, digest: digestOf({ assignments, unassigned }) };
}
