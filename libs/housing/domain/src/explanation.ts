import {
  compileProblem,
  isEligible,
  priorityAt,
  type AllocationMethod,
  type AllocationProblem,
  type CompiledProblem,
} from './allocation-problem.js';
import { canonicalResult, type AllocationResult } from './allocate.js';
import { deferredAcceptance } from './deferred-acceptance.js';
import { serialDictatorship } from './serial-dictatorship.js';
import { yrmhIgytRun, type YrmhSettlement } from './yrmh-igyt.js';

/**
 * What became of one listed choice: `received`; `ran-out` (its last dwelling went to the applicant
 * at `ranOutAtRank`, ahead of this one); `ineligible` (the unit's rules exclude the applicant);
 * `no-dwellings` (it had none to give); `not-needed` (listed after the unit received).
 */
export type ChoiceOutcome = 'received' | 'ran-out' | 'ineligible' | 'no-dwellings' | 'not-needed';

export interface ChoiceExplanation {
  unitId: string;
  /** 1-based place on the applicant's list. */
  choice: number;
  outcome: ChoiceOutcome;
  ranOutAtRank?: number;
  /** Deferred acceptance: the applicant's 1-based place in the unit's priority (absent: ineligible). */
  priorityPosition?: number;
  /** Deferred acceptance: the place of the last applicant the unit admitted when full, else null. */
  cutoff?: number | null;
}

/** YRMH-IGYT: how the applicant was settled; a cycle lists its members (rank and unit received). */
export interface TradeExplanation {
  kind: Exclude<YrmhSettlement, 'none'>;
  cycle?: { applicantId: string; rank: number; unitId: string }[];
}

/** Why an applicant got what it got, under the method that ran (serial dictatorship if absent). */
export interface Explanation {
  method?: AllocationMethod;
  applicantId: string;
  /** 1-based place in the priority order. */
  rank: number;
  unitId: string | null;
  /** 1-based place of the received unit on the applicant's list. */
  choice: number | null;
  choices: ChoiceExplanation[];
  /** The best choice missed: the applicant would have received it at any rank ≤ `atRankAtMost`. */
  counterfactual?: { unitId: string; choice: number; atRankAtMost: number };
  /** YRMH-IGYT only. */
  trade?: TradeExplanation;
}

/**
 * Serial dictatorship with a reason for every outcome: the rank, where each better choice ran
 * out, and the counterfactual. With everyone ahead unchanged, an applicant moved up to rank j
 * finds its choice as it was after rank j−1, when one dwelling was still free. O(n + L).
 */
export function explainSerialDictatorship(problem: AllocationProblem): {
  result: AllocationResult;
  explanations: Explanation[];
} {
  const compiled = compileProblem(problem);
  const { assigned, explanations } = explainCompiledSerialDictatorship(compiled);
  return { result: canonicalResult(compiled, assigned), explanations };
}

/** Runs a mechanism with a reason for every outcome; the result is the one `allocate` gives. */
export function explainAllocation(
  method: AllocationMethod,
  problem: AllocationProblem,
): { result: AllocationResult; explanations: Explanation[] } {
  const compiled = compileProblem(problem);
  const explain = {
    'serial-dictatorship': explainCompiledSerialDictatorship,
    'yrmh-igyt': explainCompiledYrmhIgyt,
    'deferred-acceptance': explainCompiledDeferredAcceptance,
  }[method];
  const { assigned, explanations } = explain(compiled);
  return { result: canonicalResult(compiled, assigned), explanations };
}

interface ExplainedRun {
  assigned: Int32Array;
  explanations: Explanation[];
}

function explainCompiledSerialDictatorship(compiled: CompiledProblem): ExplainedRun {
  const { assigned, ranOutAt } = serialDictatorship(compiled);
  const { listStart, listUnits, unitIds, capacity, unitRank } = compiled;
  const explanations = compiled.applicantIds.map((applicantId, a): Explanation => {
    const received = assigned[a];
    const choices: ChoiceExplanation[] = [];
    let choice: number | null = null;
    let counterfactual: Explanation['counterfactual'];
    for (let k = listStart[a]; k < listStart[a + 1]; k++) {
      const u = listUnits[k];
      const place = k - listStart[a] + 1;
      const base = { unitId: unitIds[u], choice: place };
      if (u === received) {
        choice = place;
        choices.push({ ...base, outcome: 'received' });
      } else if (choice !== null) {
        choices.push({ ...base, outcome: 'not-needed' });
      } else if (!isEligible(unitRank, a, u)) {
        choices.push({ ...base, outcome: 'ineligible' });
      } else if (capacity[u] === 0) {
        choices.push({ ...base, outcome: 'no-dwellings' });
      } else {
        const ranOutAtRank = ranOutAt[u] + 1;
        choices.push({ ...base, outcome: 'ran-out', ranOutAtRank });
        counterfactual ??= { unitId: unitIds[u], choice: place, atRankAtMost: ranOutAtRank };
      }
    }
    return {
      applicantId,
      rank: a + 1,
      unitId: received === -1 ? null : unitIds[received],
      choice,
      choices,
      ...(counterfactual ? { counterfactual } : {}),
    };
  });
  return { assigned, explanations };
}

/**
 * YRMH-IGYT with a reason: the trading cycle the applicant was in (members by rank, each with the
 * unit it received), that it kept its own unit, or that it took a vacant dwelling. Better choices
 * were gone (`ran-out`, taken earlier or in a trade), excluded it, or had no dwellings.
 */
function explainCompiledYrmhIgyt(compiled: CompiledProblem): ExplainedRun {
  const { assigned, settled, cycles, cycleOf } = yrmhIgytRun(compiled);
  const { listStart, listUnits, unitIds, capacity, unitRank, tenantOf, applicantIds } = compiled;
  const explanations = applicantIds.map((applicantId, a): Explanation => {
    const received = assigned[a];
    const choices: ChoiceExplanation[] = [];
    let choice: number | null = null;
    for (let k = listStart[a]; k < listStart[a + 1]; k++) {
      const u = listUnits[k];
      const base = { unitId: unitIds[u], choice: k - listStart[a] + 1 };
      if (u === received) {
        choice = base.choice;
        choices.push({ ...base, outcome: 'received' });
      } else if (choice !== null) choices.push({ ...base, outcome: 'not-needed' });
      else if (u !== tenantOf[a] && !isEligible(unitRank, a, u)) {
        choices.push({ ...base, outcome: 'ineligible' });
      } else if (capacity[u] === 0) choices.push({ ...base, outcome: 'no-dwellings' });
      else choices.push({ ...base, outcome: 'ran-out' });
    }
    const how = settled[a];
    const trade: TradeExplanation | undefined =
      how === 'none'
        ? undefined
        : how === 'cycle'
          ? {
              kind: 'cycle',
              cycle: cycles[cycleOf[a]].map((member) => ({
                applicantId: applicantIds[member],
                rank: member + 1,
                unitId: unitIds[assigned[member]],
              })),
            }
          : { kind: how };
    return {
      method: 'yrmh-igyt',
      applicantId,
      rank: a + 1,
      unitId: received === -1 ? null : unitIds[received],
      choice,
      choices,
      ...(trade ? { trade } : {}),
    };
  });
  return { assigned, explanations };
}

/**
 * Deferred acceptance with a reason: per listed unit, the applicant's place in its priority and
 * its cutoff (the place of the last applicant it admitted, when full). A better choice not
 * received was full with everyone admitted ahead of the applicant there (stability), or excluded
 * it, or had no dwellings.
 */
function explainCompiledDeferredAcceptance(compiled: CompiledProblem): ExplainedRun {
  const assigned = deferredAcceptance(compiled);
  const { listStart, listUnits, unitIds, capacity, unitRank, applicantIds } = compiled;
  const held = new Int32Array(unitIds.length);
  const last = new Int32Array(unitIds.length).fill(-1);
  assigned.forEach((u, a) => {
    if (u === -1) return;
    held[u]++;
    last[u] = Math.max(last[u], priorityAt(compiled, u, a));
  });
  const cutoffOf = (u: number) => (held[u] === capacity[u] && held[u] > 0 ? last[u] + 1 : null);
  const explanations = applicantIds.map((applicantId, a): Explanation => {
    const received = assigned[a];
    const choices: ChoiceExplanation[] = [];
    let choice: number | null = null;
    for (let k = listStart[a]; k < listStart[a + 1]; k++) {
      const u = listUnits[k];
      const eligible = isEligible(unitRank, a, u);
      const base = {
        unitId: unitIds[u],
        choice: k - listStart[a] + 1,
        ...(eligible ? { priorityPosition: priorityAt(compiled, u, a) + 1 } : {}),
        cutoff: cutoffOf(u),
      };
      if (u === received) {
        choice = base.choice;
        choices.push({ ...base, outcome: 'received' });
      } else if (choice !== null) choices.push({ ...base, outcome: 'not-needed' });
      else if (!eligible) choices.push({ ...base, outcome: 'ineligible' });
      else if (capacity[u] === 0) choices.push({ ...base, outcome: 'no-dwellings' });
      else choices.push({ ...base, outcome: 'ran-out' });
    }
    return {
      method: 'deferred-acceptance',
      applicantId,
      rank: a + 1,
      unitId: received === -1 ? null : unitIds[received],
      choice,
      choices,
    };
  });
  return { assigned, explanations };
}
