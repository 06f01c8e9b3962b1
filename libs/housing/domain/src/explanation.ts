import { compileProblem, isEligible, type AllocationProblem } from './allocation-problem.js';
import { canonicalResult, type AllocationResult } from './allocate.js';
import { serialDictatorship } from './serial-dictatorship.js';

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
}

/** Why an applicant got what it got under serial dictatorship. */
export interface Explanation {
  applicantId: string;
  /** 1-based place in the priority order. */
  rank: number;
  unitId: string | null;
  /** 1-based place of the received unit on the applicant's list. */
  choice: number | null;
  choices: ChoiceExplanation[];
  /** The best choice missed: the applicant would have received it at any rank ≤ `atRankAtMost`. */
  counterfactual?: { unitId: string; choice: number; atRankAtMost: number };
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
  return { result: canonicalResult(compiled, assigned), explanations };
}
