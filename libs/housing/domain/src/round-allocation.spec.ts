import { describe, expect, it } from '@jest/globals';
import {
  checkEligibility,
  classIdOf,
  DEFAULT_HOUSING_POLICY,
  maskName,
  strikeResetsBaseDate,
  type UnitType,
} from './housing-policy.js';
import { frozenRoundDigest, rankRound, runRound, type FrozenRound } from './round-allocation.js';

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
