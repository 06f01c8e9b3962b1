import { describe, expect, it } from '@jest/globals';
import { allocate } from './allocate.js';
import type { AllocationProblem, ApplicantInput } from './allocation-problem.js';
import { explainSerialDictatorship } from './explanation.js';

const asMap = (result: { assignments: Array<{ applicantId: string; unitId: string }> }) =>
  Object.fromEntries(result.assignments.map((a) => [a.applicantId, a.unitId]));

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((x, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]),
  );
}

describe('Shapley–Scarf housing market (housing-allocation.md)', () => {
  // Agent j rents unit j; every list ends with the agent's own unit; nothing is vacant.
  const lists: Record<string, number[]> = {
    '1': [3, 2, 4, 1],
    '2': [3, 5, 6],
    '3': [3, 1],
    '4': [2, 5, 6, 4],
    '5': [1, 3, 2],
    '6': [2, 4, 5, 6],
  };
  const applicants: ApplicantInput[] = Object.entries(lists).map(([id, prefs]) => ({
    id,
    preferences: prefs.map(String),
    tenantOf: id,
  }));
  const units = Object.keys(lists).map((id) => ({ id }));

  it('gives 1→2, 2→5, 3→3, 4→6, 5→1, 6→4 whatever the priority order (all 720)', () => {
    const digests = new Set<string>();
    for (const order of permutations(Object.keys(lists))) {
      const result = allocate('yrmh-igyt', { applicants, units, order });
      expect(asMap(result)).toEqual({ '1': '2', '2': '5', '3': '3', '4': '6', '5': '1', '6': '4' });
      digests.add(result.digest);
    }
    expect(digests.size).toBe(1);
  });
});

describe('Abdulkadiroğlu & Sönmez (1999) §5.1', () => {
  // i1..i4 rent h1..h4, i5 is a newcomer, h5..h7 are vacant; the ordering f is i1, i2, ..., i5.
  const problem: AllocationProblem = {
    applicants: [
      { id: 'i1', preferences: ['h2', 'h6', 'h5', 'h1', 'h4', 'h3', 'h7'], tenantOf: 'h1' },
      { id: 'i2', preferences: ['h7', 'h1', 'h6', 'h5', 'h4', 'h3', 'h2'], tenantOf: 'h2' },
      { id: 'i3', preferences: ['h2', 'h1', 'h4', 'h7', 'h3', 'h6', 'h5'], tenantOf: 'h3' },
      { id: 'i4', preferences: ['h2', 'h4', 'h3', 'h6', 'h1', 'h7', 'h5'], tenantOf: 'h4' },
      { id: 'i5', preferences: ['h4', 'h3', 'h7', 'h1', 'h2', 'h5', 'h6'] },
    ],
    units: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7'].map((id) => ({ id })),
    order: ['i1', 'i2', 'i3', 'i4', 'i5'],
  };

  it('i1 requests h2, i2 (I get your turn) takes vacant h7, then i1 h2, i3 h1, i4 keeps h4, i5 h3', () => {
    expect(asMap(allocate('yrmh-igyt', problem))).toEqual({
      i1: 'h2',
      i2: 'h7',
      i3: 'h1',
      i4: 'h4',
      i5: 'h3',
    });
  });

  it('differs from serial dictatorship, which ignores tenancy: i4 loses its home under SD', () => {
    const order = ['i5', 'i1', 'i2', 'i3', 'i4'];
    expect(asMap(allocate('serial-dictatorship', { ...problem, order }))).toMatchObject({
      i5: 'h4',
      i4: 'h3',
    });
    // i5 requests h4, so i4 gets its turn: it requests h2, i2 moves first and takes vacant h7.
    expect(asMap(allocate('yrmh-igyt', { ...problem, order }))).toEqual({
      i1: 'h6',
      i2: 'h7',
      i3: 'h1',
      i4: 'h2',
      i5: 'h4',
    });
  });
});

describe('hospitals/residents examples of the `matching` Python library (deferred acceptance)', () => {
  const residents: Record<string, string[]> = {
    A: ['C'],
    S: ['C', 'M'],
    D: ['C', 'M', 'G'],
    J: ['C', 'G', 'M'],
    L: ['M', 'C', 'G'],
  };
  const problem = (hospitals: Record<string, string[]>): AllocationProblem => ({
    applicants: Object.entries(residents).map(([id, preferences]) => ({ id, preferences })),
    units: Object.entries(hospitals).map(([id, priority]) => ({ id, capacity: 2, priority })),
  });

  it('README example: {M: [L, S], C: [D, A], G: [J]}', () => {
    const result = allocate(
      'deferred-acceptance',
      problem({ M: ['D', 'L', 'S', 'J'], C: ['D', 'A', 'S', 'L', 'J'], G: ['D', 'J', 'L'] }),
    );
    expect(asMap(result)).toEqual({ A: 'C', D: 'C', J: 'G', L: 'M', S: 'M' });
    expect(result.unassigned).toEqual([]);
  });

  it('NRMP example: S unmatched, M left empty', () => {
    const result = allocate(
      'deferred-acceptance',
      problem({ M: ['D', 'J'], C: ['D', 'A', 'S', 'L', 'J'], G: ['D', 'A', 'J', 'L'] }),
    );
    expect(asMap(result)).toEqual({ A: 'C', D: 'C', J: 'G', L: 'G' });
    expect(result.unassigned).toEqual(['S']);
  });
});

describe('serial dictatorship explanations', () => {
  // Units: p1 has 1 dwelling, p2 has 2, p3 has 1; r4 lists a unit it is not eligible for.
  const problem: AllocationProblem = {
    applicants: [
      { id: 'r1', preferences: ['p1', 'p2'] },
      { id: 'r2', preferences: ['p2', 'p1'] },
      { id: 'r3', preferences: ['p1', 'p2', 'p3'] },
      { id: 'r4', preferences: ['p4', 'p2', 'p3'] },
      { id: 'r5', preferences: ['p1', 'p3'] },
    ],
    units: [{ id: 'p1' }, { id: 'p2', capacity: 2 }, { id: 'p3' }, { id: 'p4', priority: ['r1'] }],
    order: ['r1', 'r2', 'r3', 'r4', 'r5'],
  };

  it('names the rank, where each better choice ran out, and the counterfactual', () => {
    const { result, explanations } = explainSerialDictatorship(problem);
    expect(result).toEqual(allocate('serial-dictatorship', problem));
    const r3 = explanations.find((e) => e.applicantId === 'r3')!;
    expect(r3).toEqual({
      applicantId: 'r3',
      rank: 3,
      unitId: 'p2',
      choice: 2,
      choices: [
        { unitId: 'p1', choice: 1, outcome: 'ran-out', ranOutAtRank: 1 },
        { unitId: 'p2', choice: 2, outcome: 'received' },
        { unitId: 'p3', choice: 3, outcome: 'not-needed' },
      ],
      counterfactual: { unitId: 'p1', choice: 1, atRankAtMost: 1 },
    });
    const r4 = explanations.find((e) => e.applicantId === 'r4')!;
    expect(r4.choices.slice(0, 2)).toEqual([
      { unitId: 'p4', choice: 1, outcome: 'ineligible' },
      { unitId: 'p2', choice: 2, outcome: 'ran-out', ranOutAtRank: 3 },
    ]);
    expect(r4.unitId).toBe('p3');
    const r5 = explanations.find((e) => e.applicantId === 'r5')!;
    expect(r5).toMatchObject({ unitId: null, choice: null, rank: 5 });
    expect(r5.choices).toEqual([
      { unitId: 'p1', choice: 1, outcome: 'ran-out', ranOutAtRank: 1 },
      { unitId: 'p3', choice: 2, outcome: 'ran-out', ranOutAtRank: 4 },
    ]);
  });

  it('the counterfactual holds: moved up to that rank, the applicant gets that choice', () => {
    const { explanations } = explainSerialDictatorship(problem);
    for (const e of explanations) {
      if (!e.counterfactual) continue;
      const others = problem.order!.filter((id) => id !== e.applicantId);
      const order = [...others];
      order.splice(e.counterfactual.atRankAtMost - 1, 0, e.applicantId);
      const moved = asMap(allocate('serial-dictatorship', { ...problem, order }));
      expect(moved[e.applicantId]).toBe(e.counterfactual.unitId);
    }
  });
});
