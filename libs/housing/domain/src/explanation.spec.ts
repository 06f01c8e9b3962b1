import { describe, expect, it } from '@jest/globals';
import { allocate } from './allocate.js';
import type { AllocationProblem } from './allocation-problem.js';
import { explainAllocation } from './explanation.js';

describe('YRMH-IGYT explanations name the trading cycle', () => {
  // Shapley–Scarf (housing-allocation.md): agent j rents unit j; in the order 1..6 the cycles
  // are 1 → 2 → 5 → 1 and 4 → 6 → 4, and 3 keeps its own unit.
  const lists: Record<string, number[]> = {
    '1': [3, 2, 4, 1],
    '2': [3, 5, 6],
    '3': [3, 1],
    '4': [2, 5, 6, 4],
    '5': [1, 3, 2],
    '6': [2, 4, 5, 6],
  };
  const problem: AllocationProblem = {
    applicants: Object.entries(lists).map(([id, prefs]) => ({
      id,
      preferences: prefs.map(String),
      tenantOf: id,
    })),
    units: Object.keys(lists).map((id) => ({ id })),
    order: ['1', '2', '3', '4', '5', '6'],
  };

  it('gives the same result as allocate, with each member of a cycle and what it received', () => {
    const { result, explanations } = explainAllocation('yrmh-igyt', problem);
    expect(result).toEqual(allocate('yrmh-igyt', problem));
    const of = (id: string) => explanations.find((e) => e.applicantId === id)!;
    const first = [
      { applicantId: '1', rank: 1, unitId: '2' },
      { applicantId: '2', rank: 2, unitId: '5' },
      { applicantId: '5', rank: 5, unitId: '1' },
    ];
    expect(of('1')).toMatchObject({
      method: 'yrmh-igyt',
      unitId: '2',
      choice: 2,
      trade: { kind: 'cycle', cycle: first },
    });
    expect(of('1').choices.slice(0, 2)).toEqual([
      { unitId: '3', choice: 1, outcome: 'ran-out' },
      { unitId: '2', choice: 2, outcome: 'received' },
    ]);
    expect(of('5').trade).toEqual({ kind: 'cycle', cycle: first });
    expect(of('6').trade?.cycle?.map((m) => m.applicantId)).toEqual(['4', '6']);
    expect(of('3')).toMatchObject({ unitId: '3', choice: 1, trade: { kind: 'kept-own-unit' } });
  });

  it('says when a dwelling was vacant, and gives no trade to one left without', () => {
    const { explanations } = explainAllocation('yrmh-igyt', {
      applicants: [
        { id: 't', preferences: ['v'], tenantOf: 'h' },
        { id: 'n', preferences: ['v', 'h'] },
        { id: 'm', preferences: ['v'] },
      ],
      units: [{ id: 'v' }, { id: 'h' }],
      order: ['t', 'n', 'm'],
    });
    expect(explanations.map((e) => [e.applicantId, e.unitId, e.trade?.kind])).toEqual([
      ['t', 'v', 'vacant'],
      // t's move freed its home in the same run.
      ['n', 'h', 'vacant'],
      ['m', null, undefined],
    ]);
  });
});

describe('deferred acceptance explanations use per-class cutoffs', () => {
  // The README example of the `matching` library (capacity 2 each).
  const residents: Record<string, string[]> = {
    A: ['C'],
    S: ['C', 'M'],
    D: ['C', 'M', 'G'],
    J: ['C', 'G', 'M'],
    L: ['M', 'C', 'G'],
  };
  const problem: AllocationProblem = {
    applicants: Object.entries(residents).map(([id, preferences]) => ({ id, preferences })),
    units: Object.entries({
      M: ['D', 'L', 'S', 'J'],
      C: ['D', 'A', 'S', 'L', 'J'],
      G: ['D', 'J', 'L'],
    }).map(([id, priority]) => ({ id, capacity: 2, priority })),
  };

  it('names, per listed class, the applicant’s place and the last admitted place', () => {
    const { result, explanations } = explainAllocation('deferred-acceptance', problem);
    expect(result).toEqual(allocate('deferred-acceptance', problem));
    const of = (id: string) => explanations.find((e) => e.applicantId === id)!;
    expect(of('J')).toMatchObject({ method: 'deferred-acceptance', unitId: 'G', choice: 2 });
    expect(of('J').choices).toEqual([
      // C filled with D (#1) and A (#2); J is #5 there.
      { unitId: 'C', choice: 1, outcome: 'ran-out', priorityPosition: 5, cutoff: 2 },
      // G holds only J: not full, no cutoff.
      { unitId: 'G', choice: 2, outcome: 'received', priorityPosition: 2, cutoff: null },
      { unitId: 'M', choice: 3, outcome: 'not-needed', priorityPosition: 4, cutoff: 3 },
    ]);
    expect(of('S').choices[0]).toEqual({
      unitId: 'C',
      choice: 1,
      outcome: 'ran-out',
      priorityPosition: 3,
      cutoff: 2,
    });
    // Stability: every missed choice is full with everyone admitted ahead of the applicant.
    for (const e of explanations) {
      for (const c of e.choices.filter((x) => x.outcome === 'ran-out')) {
        expect(c.cutoff).not.toBeNull();
        expect(c.priorityPosition!).toBeGreaterThan(c.cutoff!);
      }
    }
  });

  it('calls a class that does not list the applicant ineligible', () => {
    const { explanations } = explainAllocation('deferred-acceptance', {
      applicants: [
        { id: 'x', preferences: ['P', 'Q'] },
        { id: 'y', preferences: ['P'] },
      ],
      units: [
        { id: 'P', priority: ['y'] },
        { id: 'Q', priority: ['x'] },
      ],
    });
    expect(explanations.find((e) => e.applicantId === 'x')!.choices).toEqual([
      { unitId: 'P', choice: 1, outcome: 'ineligible', cutoff: 1 },
      { unitId: 'Q', choice: 2, outcome: 'received', priorityPosition: 1, cutoff: 1 },
    ]);
  });
});
