import { AppError, type FieldError } from '@gm/shared-errors';
import { compareCodeUnits } from './canonical-json.js';
import { lotteryOrder } from './lottery.js';

export const ALLOCATION_METHODS = [
  'serial-dictatorship',
  'yrmh-igyt',
  'deferred-acceptance',
] as const;
export type AllocationMethod = (typeof ALLOCATION_METHODS)[number];

export interface ApplicantInput {
  readonly id: string;
  /** Acceptable units (or classes), best first. */
  readonly preferences: readonly string[];
  /** The unit this applicant already rents (YRMH-IGYT); it stays acceptable to them. */
  readonly tenantOf?: string | undefined;
}

export interface UnitInput {
  readonly id: string;
  /** Interchangeable dwellings of this unit or class; default 1. */
  readonly capacity?: number | undefined;
  /** The unit's strict order of the applicants eligible for it; absent: everyone, in the master order. */
  readonly priority?: readonly string[] | undefined;
}

/** An allocation problem as the engine takes it; the order of the arrays carries no meaning. */
export interface AllocationProblem {
  readonly applicants: readonly ApplicantInput[];
  readonly units: readonly UnitInput[];
  /** The master priority order, best first. */
  readonly order?: readonly string[] | undefined;
  /** Without an order: applicants in SHA-256 lottery order of this seed; without either, by id. */
  readonly seed?: string | undefined;
}

/**
 * A validated problem in index form. Applicant index = place in the master order (0 first);
 * preference lists are compressed rows: applicant a's acceptable units are
 * `prefUnits[prefStart[a] .. prefStart[a+1])`, best first.
 */
export interface CompiledProblem {
  readonly applicantIds: readonly string[];
  readonly unitIds: readonly string[];
  readonly capacity: Int32Array;
  /** Listed units the applicant is eligible for (a tenant's own unit always counts as eligible). */
  readonly prefStart: Int32Array;
  readonly prefUnits: Int32Array;
  /** The units as listed (known units only), eligible or not: what explanations talk about. */
  readonly listStart: Int32Array;
  readonly listUnits: Int32Array;
  /** Unit rented by each applicant, or -1. */
  readonly tenantOf: Int32Array;
  /** Per unit, the place of each applicant it lists (others are not eligible); absent: master order. */
  readonly unitRank: readonly (ReadonlyMap<number, number> | undefined)[];
}

const MAX_REPORTED_ERRORS = 50;

/** Validates a problem (every bad reference named, as field errors) and compiles it. */
export function compileProblem(problem: AllocationProblem): CompiledProblem {
  const errors: FieldError[] = [];
  const fail = (path: string, code: string, message: string, limit?: unknown) => {
    if (errors.length < MAX_REPORTED_ERRORS) {
      errors.push({ path, code, message, ...(limit === undefined ? {} : { limit }) });
    }
  };

  const unitIndex = new Map<string, number>();
  const unitInputs: number[] = [];
  problem.units.forEach((unit, i) => {
    if (unitIndex.has(unit.id))
      fail(`units.${i}.id`, 'allocation.duplicate-id', 'unit listed twice');
    else {
      unitIndex.set(unit.id, unitInputs.length);
      unitInputs.push(i);
    }
  });
  const inputIndex = new Map<string, number>();
  problem.applicants.forEach((applicant, i) => {
    if (inputIndex.has(applicant.id)) {
      fail(`applicants.${i}.id`, 'allocation.duplicate-id', 'applicant listed twice');
    } else inputIndex.set(applicant.id, i);
  });

  const ordered = masterOrder(problem, inputIndex, fail);
  const rankOf = new Map(ordered.map((id, rank) => [id, rank]));
  const n = ordered.length;
  const unitIds = [...unitIndex.keys()];
  const m = unitIds.length;

  const capacity = new Int32Array(m);
  // Sparse (applicant → place): a unit ranks only those it lists, so memory stays O(Σ list lengths).
  const unitRank: (Map<number, number> | undefined)[] = new Array(m).fill(undefined);
  unitInputs.forEach((i, u) => {
    const unit = problem.units[i];
    const seats = unit.capacity ?? 1;
    if (!Number.isSafeInteger(seats) || seats < 0) {
      fail(`units.${i}.capacity`, 'allocation.bad-capacity', 'a capacity is a whole number ≥ 0');
    } else capacity[u] = seats;
    if (unit.priority) {
      const ranks = new Map<number, number>();
      unit.priority.forEach((id, place) => {
        const a = rankOf.get(id);
        if (a === undefined) {
          fail(
            `units.${i}.priority.${place}`,
            'allocation.unknown-applicant',
            `no applicant ${id}`,
          );
        } else if (ranks.has(a)) {
          fail(
            `units.${i}.priority.${place}`,
            'allocation.duplicate-applicant',
            `${id} listed twice`,
          );
        } else ranks.set(a, place);
      });
      unitRank[u] = ranks;
    }
  });

  const tenantOf = new Int32Array(n).fill(-1);
  const tenants = new Int32Array(m);
  const lists: number[][] = new Array(n);
  for (let a = 0; a < n; a++) {
    const i = inputIndex.get(ordered[a])!;
    const applicant = problem.applicants[i];
    if (applicant.tenantOf !== undefined) {
      const home = unitIndex.get(applicant.tenantOf);
      if (home === undefined) {
        fail(
          `applicants.${i}.tenantOf`,
          'allocation.unknown-unit',
          `no unit ${applicant.tenantOf}`,
        );
      } else {
        tenantOf[a] = home;
        tenants[home] += 1;
      }
    }
    const seen = new Set<number>();
    const list: number[] = [];
    applicant.preferences.forEach((id, j) => {
      const u = unitIndex.get(id);
      if (u === undefined) {
        fail(`applicants.${i}.preferences.${j}`, 'allocation.unknown-unit', `no unit ${id}`);
      } else if (seen.has(u)) {
        fail(
          `applicants.${i}.preferences.${j}`,
          'allocation.duplicate-preference',
          `${id} listed twice`,
        );
      } else {
        seen.add(u);
        list.push(u);
      }
    });
    lists[a] = list;
  }
  unitInputs.forEach((i, u) => {
    if (tenants[u] > capacity[u]) {
      fail(
        `units.${i}.capacity`,
        'allocation.tenants-exceed-capacity',
        'more tenants than dwellings',
        capacity[u],
      );
    }
  });
  if (errors.length > 0)
    throw AppError.invalid('the allocation problem is not well formed', errors);

  const listStart = new Int32Array(n + 1);
  const prefStart = new Int32Array(n + 1);
  const listUnits: number[] = [];
  const prefUnits: number[] = [];
  for (let a = 0; a < n; a++) {
    const home = tenantOf[a];
    for (const u of lists[a]) {
      listUnits.push(u);
      if (u === home || isEligible(unitRank, a, u)) prefUnits.push(u);
    }
    listStart[a + 1] = listUnits.length;
    prefStart[a + 1] = prefUnits.length;
  }

  return {
    applicantIds: ordered,
    unitIds,
    capacity,
    prefStart,
    prefUnits: Int32Array.from(prefUnits),
    listStart,
    listUnits: Int32Array.from(listUnits),
    tenantOf,
    unitRank,
  };
}

/** The given order (a permutation of the applicants), else the seed's lottery order, else by id. */
function masterOrder(
  problem: AllocationProblem,
  inputIndex: Map<string, number>,
  fail: (path: string, code: string, message: string) => void,
): string[] {
  const ids = [...inputIndex.keys()];
  if (problem.order === undefined) {
    return problem.seed === undefined
      ? ids.sort(compareCodeUnits)
      : lotteryOrder(problem.seed, ids);
  }
  const placed = new Set<string>();
  problem.order.forEach((id, i) => {
    if (!inputIndex.has(id))
      fail(`order.${i}`, 'allocation.unknown-applicant', `no applicant ${id}`);
    else if (placed.has(id))
      fail(`order.${i}`, 'allocation.duplicate-applicant', `${id} listed twice`);
    else placed.add(id);
  });
  if (placed.size !== inputIndex.size) {
    for (const id of ids) {
      if (!placed.has(id))
        fail('order', 'allocation.order-incomplete', `the order leaves out ${id}`);
    }
  }
  return [...placed];
}

/** Whether a unit's priority admits the applicant (a unit without a priority list admits everyone). */
export function isEligible(
  unitRank: readonly (ReadonlyMap<number, number> | undefined)[],
  applicant: number,
  unit: number,
): boolean {
  const ranks = unitRank[unit];
  return ranks === undefined || ranks.has(applicant);
}

/** The unit's priority place of an applicant: its own list, else the master order (lower is better). */
export function priorityAt(problem: CompiledProblem, unit: number, applicant: number): number {
  const ranks = problem.unitRank[unit];
  return ranks === undefined ? applicant : (ranks.get(applicant) ?? Number.POSITIVE_INFINITY);
}
