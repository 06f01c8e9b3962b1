import type { AllocationMethod, AllocationProblem, UnitInput } from './allocation-problem.js';
import type { AllocationResult } from './allocate.js';
import { compareCodeUnits, digestOf } from './canonical-json.js';
import { strictClassPriority, type ClassPriorityGroups } from './class-priority.js';
import { explainAllocation, type Explanation } from './explanation.js';
import { rankApplicants, type RankedApplicant } from './priority.js';

/** One frozen application of a round: its public id, priority claim and ranked classes. */
export interface RoundApplicant {
  /** The application id: public, the input of the lottery number. */
  publicId: string;
  tierRank: number;
  points: number;
  baseDate: string;
  /** Eligible classes, best first: the ranked list expanded against `units` (classIdsAtFreeze). */
  classIds: string[];
  /** YRMH-IGYT: the dwelling this applicant rents now; it is one of the round's units. */
  tenantOf?: string;
}

/** One frozen dwelling of a round. */
export interface RoundUnit {
  unitId: string;
  classId: string;
  /** Dwellings of a class are handed out in this order (`CZ-1-0501`). */
  sortKey: string;
}

/**
 * What a round froze: the rules version and mechanism, the applicants (with their tenancies), the
 * dwellings (tenants' own among them) and, for deferred acceptance, each class's priority groups.
 */
export interface FrozenRound {
  policyVersion: string;
  /** Absent in rounds frozen before the mechanism was chosen per round: serial dictatorship. */
  method?: AllocationMethod;
  applicants: RoundApplicant[];
  units: RoundUnit[];
  classPriorities?: ClassPriorityGroups[];
}

/** The round's input digest: SHA-256 of the canonical JSON, arrays in id order (input order is irrelevant). */
export function frozenRoundDigest(frozen: FrozenRound): string {
  return digestOf({
    policyVersion: frozen.policyVersion,
    method: frozen.method,
    applicants: [...frozen.applicants].sort((a, b) => compareCodeUnits(a.publicId, b.publicId)),
    units: [...frozen.units].sort((a, b) => compareCodeUnits(a.unitId, b.unitId)),
    classPriorities: frozen.classPriorities
      ? [...frozen.classPriorities].sort((a, b) => compareCodeUnits(a.classId, b.classId))
      : undefined,
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
  method: AllocationMethod;
  /** The class-level problem, as `POST /api/housing/simulations` takes it (order given). */
  problem: AllocationProblem & { order: string[]; units: (UnitInput & { capacity: number })[] };
  /** The engine's class-level result and digest. */
  result: AllocationResult;
  /**
   * Why each applicant of this run got what it got, in the round's terms: ranks are places in
   * the whole round's order, deferred-acceptance positions places in the class's whole priority.
   */
  explanations: Explanation[];
  /** The dwelling each applicant served in this run is offered (or keeps its offer of), by public id. */
  dwellings: Map<string, string>;
  /** YRMH-IGYT: tenants who keep the dwelling they rent (no offer), by public id. */
  kept: Map<string, string>;
  /** Deferred acceptance: each class's strict priority over the whole round (the first run's). */
  classPriority: Map<string, string[]>;
}

/**
 * The round's mechanism on its classes, over what is left: the same order, capacity reduced by
 * accepted offers, removed applicants out. A re-run never pushes anyone still waiting down:
 * - serial dictatorship: removing applicants only moves the others up (population monotonicity);
 * - deferred acceptance: the restriction of the last outcome to those left is stable in the
 *   smaller market, and the applicant-proposing outcome is the best stable one for each of them;
 * - YRMH-IGYT: whoever holds an open offer is the tenant of that dwelling in the re-run, so
 *   individual rationality keeps it at least that well off. Tenants move on their word (their
 *   move is accepted when it is allocated), so a home freed in a run stays free; a tenant whose
 *   application left the round stays at home, and its home leaves the round.
 * Dwellings of a class go in rank order: a holder staying in the class keeps its dwelling, the
 * others take the free ones in `sortKey` order, so the same history gives the same dwellings.
 */
export function runRound(
  frozen: FrozenRound,
  order: readonly string[],
  state: RoundState = EMPTY_ROUND_STATE,
): RoundRun {
  const method = frozen.method ?? 'serial-dictatorship';
  const byId = new Map(frozen.applicants.map((a) => [a.publicId, a]));
  const left = order.filter((id) => !state.accepted.has(id) && !state.removed.has(id));
  const homeOf = new Map<string, string>();
  if (method === 'yrmh-igyt') {
    for (const a of frozen.applicants) if (a.tenantOf) homeOf.set(a.publicId, a.tenantOf);
  }
  // Out of the round: accepted dwellings, and the homes of tenants who stay (declined their move).
  const out = new Set(state.accepted.values());
  for (const [id, home] of homeOf) if (state.removed.has(id)) out.add(home);
  const holding = holdings(left, state.open, homeOf, out);

  const unitClass = new Map(frozen.units.map((u) => [u.unitId, u.classId]));
  const unitsByClass = new Map<string, RoundUnit[]>();
  for (const unit of frozen.units) {
    if (!unitsByClass.has(unit.classId)) unitsByClass.set(unit.classId, []);
    if (!out.has(unit.unitId)) unitsByClass.get(unit.classId)!.push(unit);
  }
  const classIds = [...unitsByClass.keys()].sort(compareCodeUnits);
  const place = new Map(order.map((id, i) => [id, i]));
  const classPriority = new Map(
    (frozen.classPriorities ?? []).map((c) => [c.classId, strictClassPriority(c.groups, place)]),
  );
  const leftSet = new Set(left);
  const problem: RoundRun['problem'] = {
    order: left,
    applicants: left.map((id) => {
      const held = method === 'yrmh-igyt' ? holding.get(id) : undefined;
      return {
        id,
        preferences: byId.get(id)!.classIds.filter((c) => unitsByClass.has(c)),
        ...(held === undefined ? {} : { tenantOf: unitClass.get(held)! }),
      };
    }),
    units: classIds.map((id) => ({
      id,
      capacity: unitsByClass.get(id)!.length,
      ...(method === 'deferred-acceptance'
        ? { priority: (classPriority.get(id) ?? []).filter((a) => leftSet.has(a)) }
        : {}),
    })),
  };
  const { result, explanations } = explainAllocation(method, problem);

  const classOf = new Map(result.assignments.map((a) => [a.applicantId, a.unitId]));
  const dwellings = new Map<string, string>();
  const kept = new Map<string, string>();
  const taken = new Set<string>();
  for (const id of left) {
    const held = method === 'yrmh-igyt' ? holding.get(id) : state.open.get(id);
    if (held === undefined || classOf.get(id) !== unitClass.get(held)) continue;
    (homeOf.get(id) === held ? kept : dwellings).set(id, held);
    taken.add(held);
  }
  for (const id of left) {
    const classId = classOf.get(id);
    if (classId === undefined || dwellings.has(id) || kept.has(id)) continue;
    const free = unitsByClass
      .get(classId)!
      .filter((u) => !taken.has(u.unitId))
      .sort((a, b) => compareCodeUnits(a.sortKey, b.sortKey))[0];
    // Capacity counts exactly these dwellings, so the engine never assigns more than there are.
    dwellings.set(id, free.unitId);
    taken.add(free.unitId);
  }
  return {
    method,
    problem,
    result,
    explanations: explanations.map((e) => inRoundTerms(e, left, place, problem, classPriority)),
    dwellings,
    kept,
    classPriority,
  };
}

/**
 * YRMH-IGYT: the dwelling each applicant left holds: its open offer (unless that dwelling left
 * the round), else, for a tenant still in its home, the home.
 */
function holdings(
  left: readonly string[],
  open: ReadonlyMap<string, string>,
  homeOf: ReadonlyMap<string, string>,
  out: ReadonlySet<string>,
): Map<string, string> {
  const holding = new Map<string, string>();
  for (const id of left) {
    const offered = open.get(id);
    const home = homeOf.get(id);
    if (offered !== undefined && !out.has(offered)) holding.set(id, offered);
    else if (home !== undefined && !out.has(home)) holding.set(id, home);
  }
  return holding;
}

/** Ranks of this run (places among those left) as ranks of the whole round; DA positions likewise. */
function inRoundTerms(
  e: Explanation,
  left: readonly string[],
  place: ReadonlyMap<string, number>,
  problem: RoundRun['problem'],
  classPriority: ReadonlyMap<string, string[]>,
): Explanation {
  const rank = (local: number) => place.get(left[local - 1])! + 1;
  const localPriority = new Map(problem.units.map((u) => [u.id, u.priority ?? []]));
  const position = (classId: string, local: number) =>
    classPriority.get(classId)!.indexOf(localPriority.get(classId)![local - 1]) + 1;
  return {
    ...e,
    rank: rank(e.rank),
    choices: e.choices.map((c) => ({
      ...c,
      ...(c.ranOutAtRank === undefined ? {} : { ranOutAtRank: rank(c.ranOutAtRank) }),
      ...(c.priorityPosition === undefined
        ? {}
        : { priorityPosition: position(c.unitId, c.priorityPosition) }),
      ...(typeof c.cutoff === 'number' ? { cutoff: position(c.unitId, c.cutoff) } : {}),
    })),
    ...(e.counterfactual
      ? {
          counterfactual: {
            ...e.counterfactual,
            atRankAtMost: rank(e.counterfactual.atRankAtMost),
          },
        }
      : {}),
    ...(e.trade?.cycle
      ? {
          trade: {
            ...e.trade,
            cycle: e.trade.cycle.map((m) => ({ ...m, rank: place.get(m.applicantId)! + 1 })),
          },
        }
      : {}),
  };
}

export type { RankedApplicant };
