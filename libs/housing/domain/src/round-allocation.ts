import type { AllocationProblem } from './allocation-problem.js';
import type { AllocationResult } from './allocate.js';
import { compareCodeUnits, digestOf } from './canonical-json.js';
import { explainSerialDictatorship, type Explanation } from './explanation.js';
import { rankApplicants, type RankedApplicant } from './priority.js';

/** One frozen application of a round: its public id, priority claim and ranked classes. */
export interface RoundApplicant {
  /** The application id: public, the input of the lottery number. */
  publicId: string;
  tierRank: number;
  points: number;
  baseDate: string;
  /** Eligible classes, best first (only those of the round's projects). */
  classIds: string[];
}

/** One frozen dwelling of a round. */
export interface RoundUnit {
  unitId: string;
  classId: string;
  /** Dwellings of a class are handed out in this order (`CZ-1-0501`). */
  sortKey: string;
}

/** What a round froze: the rules version, the applicants and the dwellings. */
export interface FrozenRound {
  policyVersion: string;
  applicants: RoundApplicant[];
  units: RoundUnit[];
}

/** The round's input digest: SHA-256 of the canonical JSON, arrays in id order (input order is irrelevant). */
export function frozenRoundDigest(frozen: FrozenRound): string {
  return digestOf({
    policyVersion: frozen.policyVersion,
    applicants: [...frozen.applicants].sort((a, b) => compareCodeUnits(a.publicId, b.publicId)),
    units: [...frozen.units].sort((a, b) => compareCodeUnits(a.unitId, b.unitId)),
  });
}

/** The priority order of a round's applicants under its seed (published key, SHA-256 lottery). */
export function rankRound(frozen: FrozenRound, seed: string): RankedApplicant[] {
  return rankApplicants(
    frozen.applicants.map((a) => ({
      publicId: a.publicId,
      tierRank: a.tierRank,
      points: a.points,
      baseDate: a.baseDate,
    })),
    { kind: 'sha256', seed },
  );
}

/**
 * What happened since the first run: accepted offers are fixed (applicant and dwelling leave the
 * problem), declined or expired applicants are removed, open offers are kept where the re-run
 * gives the same class.
 */
export interface RoundState {
  accepted: ReadonlyMap<string, string>;
  removed: ReadonlySet<string>;
  open: ReadonlyMap<string, string>;
}

export const EMPTY_ROUND_STATE: RoundState = {
  accepted: new Map(),
  removed: new Set(),
  open: new Map(),
};

export interface RoundRun {
  /** The class-level problem, as `POST /api/housing/simulations` takes it (order given). */
  problem: AllocationProblem & { order: string[] };
  /** The engine's class-level result and digest. */
  result: AllocationResult;
  explanations: Explanation[];
  /** The dwelling of each applicant served in this run (accepted ones excluded), by public id. */
  dwellings: Map<string, string>;
}

/**
 * Serial dictatorship on the classes of a round, over what is left: the same order, capacity
 * reduced by accepted offers, removed applicants out. Removing applicants never pushes anyone
 * still waiting down (population monotonicity), so a re-run only moves people up. Dwellings of a
 * class go in rank order: an open offer of the same class keeps its dwelling, the others take
 * the free ones in `sortKey` order, so the same history gives the same dwellings.
 */
export function runRound(
  frozen: FrozenRound,
  order: readonly string[],
  state: RoundState = EMPTY_ROUND_STATE,
): RoundRun {
  const fixedUnits = new Set(state.accepted.values());
  const left = new Set(order.filter((id) => !state.accepted.has(id) && !state.removed.has(id)));
  const byId = new Map(frozen.applicants.map((a) => [a.publicId, a]));
  const capacity = new Map<string, number>();
  const unitsByClass = new Map<string, RoundUnit[]>();
  for (const unit of frozen.units) {
    if (!unitsByClass.has(unit.classId)) unitsByClass.set(unit.classId, []);
    if (fixedUnits.has(unit.unitId)) continue;
    unitsByClass.get(unit.classId)!.push(unit);
    capacity.set(unit.classId, (capacity.get(unit.classId) ?? 0) + 1);
  }
  const classIds = [...unitsByClass.keys()].sort(compareCodeUnits);
  const problem = {
    order: order.filter((id) => left.has(id)),
    applicants: order
      .filter((id) => left.has(id))
      .map((id) => ({
        id,
        preferences: byId.get(id)!.classIds.filter((c) => unitsByClass.has(c)),
      })),
    units: classIds.map((id) => ({ id, capacity: capacity.get(id) ?? 0 })),
  };
  const { result, explanations } = explainSerialDictatorship(problem);

  const classOf = new Map(result.assignments.map((a) => [a.applicantId, a.unitId]));
  const unitClass = new Map(frozen.units.map((u) => [u.unitId, u.classId]));
  const dwellings = new Map<string, string>();
  const taken = new Set<string>();
  for (const id of problem.order) {
    const held = state.open.get(id);
    if (held !== undefined && classOf.get(id) === unitClass.get(held)) {
      dwellings.set(id, held);
      taken.add(held);
    }
  }
  for (const id of problem.order) {
    const classId = classOf.get(id);
    if (classId === undefined || dwellings.has(id)) continue;
    const free = unitsByClass
      .get(classId)!
      .filter((u) => !taken.has(u.unitId))
      .sort((a, b) => compareCodeUnits(a.sortKey, b.sortKey))[0];
    // Capacity counts exactly these dwellings, so the engine never assigns more than there are.
    dwellings.set(id, free.unitId);
    taken.add(free.unitId);
  }
  return { problem, result, explanations, dwellings };
}

export type { RankedApplicant };
