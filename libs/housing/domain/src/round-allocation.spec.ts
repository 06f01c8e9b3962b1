import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { allocate, runMechanism } from './allocate.js';
import { compileProblem, priorityAt, type AllocationMethod } from './allocation-problem.js';
import { blockingPairs, effectivePreferences } from './matching-checks.js';
import {
  baseDateOf,
  checkEligibility,
  classIdOf,
  DEFAULT_HOUSING_POLICY,
  maskName,
  strikeResetsBaseDate,
  type UnitType,
} from './housing-policy.js';
import {
  frozenRoundDigest,
  rankRound,
  runRound,
  type FrozenRound,
  type RoundState,
} from './round-allocation.js';

const layout = (projectCode: string, bedrooms: number, areaSqm: number): UnitType => ({
  projectId: projectCode,
  projectCode,
  bedrooms,
  areaSqm,
});
const types = new Map([
  ['P', [layout('P', 1, 45), layout('P', 2, 65), layout('P', 3, 89)]],
  ['Q', [layout('Q', 0, 32)]],
]);
const household = (talentTier: string, householdSize: number, preferredProjectIds: string[]) => ({
  talentTier,
  householdSize,
  preferredProjectIds,
  memberUnitEmployer: false,
});

describe('eligibility under the published policy', () => {
  it('ranks the fitting classes of each project, larger first, and scores points', () => {
    expect(checkEligibility(DEFAULT_HOUSING_POLICY, household('C', 3, ['P']), types)).toEqual({
      eligible: true,
      tierRank: 2,
      points: 120,
      classIds: ['P:2BR:65'],
    });
    expect(checkEligibility(DEFAULT_HOUSING_POLICY, household('A', 3, ['P']), types)).toMatchObject(
      {
        classIds: ['P:3BR:89', 'P:2BR:65'],
      },
    );
  });

  it('names the failed rule', () => {
    const codes = (h: ReturnType<typeof household>) => {
      const outcome = checkEligibility(DEFAULT_HOUSING_POLICY, h, types);
      return outcome.eligible ? [] : outcome.errors.map((e) => `${e.path}:${e.code}`);
    };
    expect(codes(household('Z', 1, ['P']))).toEqual(['talentTier:eligibility.tier']);
    expect(codes(household('A', 9, ['P']))).toEqual(['householdSize:eligibility.household-size']);
    expect(codes(household('A', 3, ['Q']))).toEqual([
      'preferredProjectIds.0:eligibility.household-size',
    ]);
    expect(codes(household('C', 5, ['P']))).toEqual([
      'preferredProjectIds.0:eligibility.area-standard',
    ]);
  });

  it('ranks unit types: per entry its fitting layouts, each failing entry named by its rule', () => {
    const withTypes = (
      talentTier: string,
      householdSize: number,
      preferences: { projectId: string; bedrooms?: number }[],
    ) =>
      checkEligibility(
        DEFAULT_HOUSING_POLICY,
        { ...household(talentTier, householdSize, []), preferences },
        types,
      );
    // A's household of 3 may have 2–3 bedrooms: 2BR first as listed, then the rest of P.
    expect(withTypes('A', 3, [{ projectId: 'P', bedrooms: 2 }, { projectId: 'P' }])).toMatchObject({
      eligible: true,
      classIds: ['P:2BR:65', 'P:3BR:89'],
    });
    const outcome = withTypes('C', 3, [
      { projectId: 'P', bedrooms: 3 },
      { projectId: 'P', bedrooms: 4 },
      { projectId: 'P', bedrooms: 1 },
      { projectId: 'Z' },
      { projectId: 'P', bedrooms: 2 },
    ]);
    expect(outcome.eligible ? [] : outcome.errors.map((e) => `${e.path}:${e.code}`)).toEqual([
      'preferences.0:eligibility.area-standard',
      'preferences.1:eligibility.unit-type',
      'preferences.2:eligibility.household-size',
      'preferences.3:eligibility.unknown-project',
    ]);
  });

  it('dates an application by the published base-date rule', () => {
    const at = new Date('2026-03-01T18:00:00Z'); // 2026-03-02 in Shanghai
    expect(baseDateOf(DEFAULT_HOUSING_POLICY, at, '2019-07-01')).toBe('2026-03-02');
    const declared = { baseDate: { source: 'social-insurance-since' as const } };
    expect(baseDateOf(declared, at, '2019-07-01')).toBe('2019-07-01');
    expect(baseDateOf(declared, at, null)).toBe('2026-03-02');
  });

  it('masks names and counts strikes within the window', () => {
    expect([maskName('张一鸣'), maskName('李雷'), maskName('chen mei')]).toEqual([
      '张**',
      '李*',
      'C***',
    ]);
    const now = new Date('2026-06-01T00:00:00Z');
    expect(strikeResetsBaseDate(DEFAULT_HOUSING_POLICY, [], now)).toBe(false);
    expect(
      strikeResetsBaseDate(DEFAULT_HOUSING_POLICY, [new Date('2025-05-01T00:00:00Z')], now),
    ).toBe(false);
    expect(
      strikeResetsBaseDate(DEFAULT_HOUSING_POLICY, [new Date('2025-09-01T00:00:00Z')], now),
    ).toBe(true);
  });
});

describe('a round on classes', () => {
  const cls = classIdOf(layout('P', 1, 45));
  const other = classIdOf(layout('P', 2, 65));
  const frozen: FrozenRound = {
    policyVersion: 'v',
    applicants: ['a', 'b', 'c', 'd'].map((publicId) => ({
      publicId,
      tierRank: 0,
      points: 0,
      baseDate: '2026-01-01',
      classIds: publicId === 'd' ? [other, cls] : [cls, other],
    })),
    units: [
      { unitId: 'u2', classId: cls, sortKey: 'P-2' },
      { unitId: 'u1', classId: cls, sortKey: 'P-1' },
      { unitId: 'v1', classId: other, sortKey: 'P-3' },
    ],
  };

  it('is deterministic whatever the input order', () => {
    const shuffled = {
      ...frozen,
      applicants: [...frozen.applicants].reverse(),
      units: [...frozen.units].reverse(),
    };
    expect(frozenRoundDigest(shuffled)).toBe(frozenRoundDigest(frozen));
    const order = rankRound(frozen, 'seed').map((r) => r.publicId);
    expect(rankRound(shuffled, 'seed').map((r) => r.publicId)).toEqual(order);
    expect(runRound(shuffled, order).result).toEqual(runRound(frozen, order).result);
  });

  it('re-runs after a decline without pushing anyone still waiting down', () => {
    const order = ['a', 'b', 'c', 'd'];
    const first = runRound(frozen, order);
    expect([...first.dwellings]).toEqual([
      ['a', 'u1'],
      ['b', 'u2'],
      ['c', 'v1'],
    ]);
    const rerun = runRound(frozen, order, {
      accepted: new Map([['b', 'u2']]),
      removed: new Set(['a']),
      open: new Map([['c', 'v1']]),
    });
    // a declined u1: c moves up to its first choice, which frees v1 for d.
    expect([...rerun.dwellings]).toEqual([
      ['c', 'u1'],
      ['d', 'v1'],
    ]);
  });
});

const replay = (run: ReturnType<typeof runRound>) =>
  allocate(run.method, run.problem as Parameters<typeof allocate>[1]);

describe('a YRMH-IGYT round: tenants bring their home', () => {
  // t rents h (class B) and would rather have class A; v is A's one vacant dwelling.
  const frozen: FrozenRound = {
    policyVersion: 'v',
    method: 'yrmh-igyt',
    applicants: [
      {
        publicId: 't',
        tierRank: 0,
        points: 0,
        baseDate: '2026-01-01',
        classIds: ['A'],
        tenantOf: 'h',
      },
      { publicId: 'a', tierRank: 0, points: 0, baseDate: '2026-01-01', classIds: ['A', 'B'] },
      { publicId: 'b', tierRank: 0, points: 0, baseDate: '2026-01-01', classIds: ['B'] },
    ],
    units: [
      { unitId: 'v', classId: 'A', sortKey: '1' },
      { unitId: 'h', classId: 'B', sortKey: '2' },
    ],
  };

  it('frees a moving tenant’s home in the same run, and the proof replays', () => {
    const run = runRound(frozen, ['t', 'a', 'b']);
    expect(run.problem.applicants.find((x) => x.id === 't')).toEqual({
      id: 't',
      preferences: ['A'],
      tenantOf: 'B',
    });
    expect([...run.dwellings]).toEqual([
      ['t', 'v'],
      ['a', 'h'],
    ]);
    expect(run.kept.size).toBe(0);
    expect(replay(run)).toEqual(run.result);
    expect(run.explanations.map((e) => [e.applicantId, e.trade?.kind])).toEqual([
      ['t', 'vacant'],
      ['a', 'vacant'],
      ['b', undefined],
    ]);
  });

  it('never leaves a tenant worse than its home (individual rationality)', () => {
    const run = runRound(frozen, ['a', 't', 'b']);
    expect([...run.kept]).toEqual([['t', 'h']]);
    expect([...run.dwellings]).toEqual([['a', 'v']]);
    expect(run.explanations[1]).toMatchObject({
      applicantId: 't',
      trade: { kind: 'kept-own-unit' },
    });
    expect(replay(run)).toEqual(run.result);
  });

  it('re-runs with the same mechanism after a decline: the moved tenant fixed, its home free', () => {
    const rerun = runRound(frozen, ['t', 'a', 'b'], {
      accepted: new Map([['t', 'v']]),
      removed: new Set(['a']),
      open: new Map(),
    });
    expect(rerun.method).toBe('yrmh-igyt');
    expect([...rerun.dwellings]).toEqual([['b', 'h']]);
    // Ranks stay those of the whole round.
    expect(rerun.explanations).toMatchObject([{ applicantId: 'b', rank: 3 }]);
  });

  it('a tenant whose application left the round stays at home: its home leaves the round', () => {
    const rerun = runRound(frozen, ['a', 't', 'b'], {
      accepted: new Map(),
      removed: new Set(['t']),
      open: new Map([['a', 'v']]),
    });
    expect(rerun.problem.units).toEqual([
      { id: 'A', capacity: 1 },
      { id: 'B', capacity: 0 },
    ]);
    expect([...rerun.dwellings]).toEqual([['a', 'v']]);
  });
});

describe('a deferred-acceptance round: per-class priorities', () => {
  // Class A ranks z's group first; B ranks by the key alone. One dwelling each.
  const frozen: FrozenRound = {
    policyVersion: 'v',
    method: 'deferred-acceptance',
    applicants: ['x', 'y', 'z'].map((publicId) => ({
      publicId,
      tierRank: 0,
      points: 0,
      baseDate: '2026-01-01',
      classIds: ['A', 'B'],
    })),
    units: [
      { unitId: 'a1', classId: 'A', sortKey: '1' },
      { unitId: 'b1', classId: 'B', sortKey: '2' },
    ],
    classPriorities: [
      { classId: 'A', groups: [['z'], ['x', 'y']] },
      { classId: 'B', groups: [['x', 'y', 'z']] },
    ],
  };

  it('carries the strict priorities in the proof and explains by cutoffs', () => {
    const run = runRound(frozen, ['x', 'y', 'z']);
    expect(run.problem.units).toEqual([
      { id: 'A', capacity: 1, priority: ['z', 'x', 'y'] },
      { id: 'B', capacity: 1, priority: ['x', 'y', 'z'] },
    ]);
    expect([...run.dwellings]).toEqual([
      ['x', 'b1'],
      ['z', 'a1'],
    ]);
    expect(replay(run)).toEqual(run.result);
    const x = run.explanations.find((e) => e.applicantId === 'x')!;
    expect(x.choices[0]).toEqual({
      unitId: 'A',
      choice: 1,
      outcome: 'ran-out',
      priorityPosition: 2,
      cutoff: 1,
    });
  });

  it('re-runs on what is left, stable for it, with positions in the whole class priority', () => {
    const rerun = runRound(frozen, ['x', 'y', 'z'], {
      accepted: new Map(),
      removed: new Set(['z']),
      open: new Map([['x', 'b1']]),
    });
    // z declined A: x moves up to A, which frees B for y.
    expect([...rerun.dwellings]).toEqual([
      ['x', 'a1'],
      ['y', 'b1'],
    ]);
    const y = rerun.explanations.find((e) => e.applicantId === 'y')!;
    expect(y.choices[0]).toMatchObject({ unitId: 'A', priorityPosition: 3, cutoff: 2 });
  });
});

describe('re-runs never push anyone still waiting down (all three mechanisms)', () => {
  const METHODS: AllocationMethod[] = ['serial-dictatorship', 'yrmh-igyt', 'deferred-acceptance'];
  const CLASSES = ['A', 'B', 'C'];
  const rounds = fc
    .record({
      n: fc.integer({ min: 1, max: 6 }),
      seats: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 3 }),
      lists: fc.array(fc.shuffledSubarray(CLASSES, { minLength: 1 }), {
        minLength: 6,
        maxLength: 6,
      }),
      homes: fc.array(fc.option(fc.constantFrom(...CLASSES)), { minLength: 6, maxLength: 6 }),
      groups: fc.array(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 6, maxLength: 6 }), {
        minLength: 3,
        maxLength: 3,
      }),
      fate: fc.array(fc.constantFrom('accept', 'decline', 'wait'), { minLength: 6, maxLength: 6 }),
      method: fc.constantFrom(...METHODS),
    })
    .map(({ n, seats, lists, homes, groups, fate, method }) => {
      const ids = Array.from({ length: n }, (_, i) => `p${i}`);
      const units: FrozenRound['units'] = [];
      CLASSES.forEach((classId, c) => {
        for (let k = 0; k < seats[c]; k++)
          units.push({ unitId: `${classId}${k}`, classId, sortKey: `${classId}${k}` });
      });
      const applicants: FrozenRound['applicants'] = ids.map((publicId, i) => {
        const home = method === 'yrmh-igyt' ? homes[i] : null;
        const base = {
          publicId,
          tierRank: 0,
          points: 0,
          baseDate: '2026-01-01',
          classIds: lists[i],
        };
        if (!home) return base;
        const unitId = `home-${publicId}`;
        units.push({ unitId, classId: home, sortKey: unitId });
        return { ...base, tenantOf: unitId };
      });
      const classPriorities = CLASSES.map((classId, c) => ({
        classId,
        groups: [0, 1, 2].map((g) =>
          ids.filter((id, i) => groups[c][i] === g && lists[i].includes(classId)),
        ),
      }));
      const frozen: FrozenRound = {
        policyVersion: 'v',
        method,
        applicants,
        units,
        ...(method === 'deferred-acceptance' ? { classPriorities } : {}),
      };
      return { frozen, ids, fate };
    });

  it('holds on random rounds with random answers', () => {
    fc.assert(
      fc.property(rounds, ({ frozen, ids, fate }) => {
        const first = runRound(frozen, ids);
        expect(replay(first)).toEqual(first.result);
        // Tenants of a YRMH round are moved on their word: their allocation counts as accepted.
        const tenants = new Set(frozen.applicants.filter((a) => a.tenantOf).map((a) => a.publicId));
        const accepted = new Map<string, string>();
        const removed = new Set<string>();
        const open = new Map<string, string>();
        ids.forEach((id, i) => {
          const unit = first.dwellings.get(id);
          if (unit === undefined) return;
          if (tenants.has(id) || fate[i] === 'accept') accepted.set(id, unit);
          else if (fate[i] === 'decline') removed.add(id);
          else open.set(id, unit);
        });
        const state: RoundState = { accepted, removed, open };
        const rerun = runRound(frozen, ids, state);
        const classOf = new Map(frozen.units.map((u) => [u.unitId, u.classId]));
        const listed = new Map(frozen.applicants.map((a) => [a.publicId, a.classIds]));
        const place = (id: string, unit: string | undefined) => {
          if (unit === undefined) return Number.POSITIVE_INFINITY;
          const at = listed.get(id)!.indexOf(classOf.get(unit)!);
          return at === -1 ? listed.get(id)!.length : at; // a home not listed ranks last
        };
        for (const [id, unit] of open) {
          const now = rerun.dwellings.get(id) ?? rerun.kept.get(id);
          expect(place(id, now)).toBeLessThanOrEqual(place(id, unit));
        }
        if (frozen.method === 'deferred-acceptance') {
          // Stable for what is left: no applicant and class would rather have each other.
          const compiled = compileProblem(rerun.problem);
          const assigned = runMechanism('deferred-acceptance', compiled);
          const prefs = effectivePreferences(compiled, 'deferred-acceptance');
          expect(
            blockingPairs(compiled, prefs, assigned, (u, a) => priorityAt(compiled, u, a)),
          ).toEqual([]);
        }
        // Nobody holds two dwellings, and accepted ones are not handed out again.
        const handed = [...rerun.dwellings.values(), ...rerun.kept.values()];
        expect(new Set(handed).size).toBe(handed.length);
        for (const unit of accepted.values()) expect(handed).not.toContain(unit);
      }),
      { seed: 20260517, numRuns: 300, endOnFailure: true },
    );
  });
});
