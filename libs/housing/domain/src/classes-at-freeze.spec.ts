import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  checkEligibility,
  classIdOf,
  classIdsAtFreeze,
  DEFAULT_HOUSING_POLICY,
  rankedClassIds,
  typesByProjectOf,
  type Household,
  type UnitType,
} from './housing-policy.js';

const policy = DEFAULT_HOUSING_POLICY;
const layout = (projectCode: string, bedrooms: number, areaSqm: number): UnitType => ({
  projectId: projectCode,
  projectCode,
  bedrooms,
  areaSqm,
});
const household = (
  talentTier: string,
  householdSize: number,
  preferences: { projectId: string; bedrooms?: number }[],
): Household => ({
  talentTier,
  householdSize,
  preferredProjectIds: [...new Set(preferences.map((p) => p.projectId))],
  preferences,
  memberUnitEmployer: false,
});
const submitted = (h: Household, layouts: UnitType[]) => {
  const outcome = checkEligibility(policy, h, typesByProjectOf(layouts));
  if (!outcome.eligible) throw new Error(JSON.stringify(outcome.errors));
  return outcome.classIds;
};
const atFreeze = (h: Household, layouts: UnitType[]) =>
  classIdsAtFreeze(policy, h, typesByProjectOf(layouts));

describe('ranked classes at freeze', () => {
  // Tier B (≤ 90 m²), a household of 2 (1–2 bedrooms).
  const couple = household('B', 2, [{ projectId: 'P' }]);

  it('takes in a layout added after submission, at its place by the submission rules', () => {
    const atSubmission = [layout('P', 1, 45), layout('P', 2, 65)];
    expect(submitted(couple, atSubmission)).toEqual(['P:2BR:65', 'P:1BR:45']);
    // A new building: 2BR:80 fits (larger first), 3BR:85 is too many bedrooms, 2BR:95 too large.
    const frozen = [
      ...atSubmission,
      layout('P', 2, 80),
      layout('P', 3, 85),
      layout('P', 2, 95),
      layout('P', 1, 45),
    ];
    expect(atFreeze(couple, frozen)).toEqual(['P:2BR:80', 'P:2BR:65', 'P:1BR:45']);
  });

  it('drops classes without a frozen dwelling and keeps the order of the entries', () => {
    const h = household('B', 2, [
      { projectId: 'P', bedrooms: 1 },
      { projectId: 'Q', bedrooms: 2 },
      { projectId: 'P' },
    ]);
    const stock = [layout('P', 1, 45), layout('P', 2, 65), layout('Q', 2, 60), layout('Q', 2, 70)];
    expect(submitted(h, stock)).toEqual(['P:1BR:45', 'Q:2BR:70', 'Q:2BR:60', 'P:2BR:65']);
    // All of P's one-bedroom flats are let and Q is not in the round: those entries add nothing.
    expect(atFreeze(h, [layout('P', 2, 65), layout('P', 2, 50)])).toEqual(['P:2BR:65', 'P:2BR:50']);
    expect(atFreeze(h, [])).toEqual([]);
  });

  it('reaches no class for a tier or household size the policy does not cover', () => {
    const stock = [layout('P', 1, 45), layout('P', 2, 65)];
    expect(atFreeze(household('Z', 2, [{ projectId: 'P' }]), stock)).toEqual([]);
    expect(atFreeze(household('B', 9, [{ projectId: 'P' }]), stock)).toEqual([]);
  });

  it('counts a layout once however many dwellings share it', () => {
    const types = typesByProjectOf([layout('P', 1, 45), layout('P', 1, 45), layout('Q', 1, 45)]);
    expect([...types].map(([p, ts]) => [p, ts.map(classIdOf)])).toEqual([
      ['P', ['P:1BR:45']],
      ['Q', ['Q:1BR:45']],
    ]);
  });

  it('is the submission list restricted to the frozen classes when no layout was added', () => {
    const layoutArb = fc
      .record({
        projectCode: fc.constantFrom('P', 'Q'),
        bedrooms: fc.integer({ min: 0, max: 4 }),
        areaSqm: fc.constantFrom(32, 45, 65, 80, 95, 120),
      })
      .map((l) => ({ ...l, projectId: l.projectCode }));
    const entryArb = fc.record(
      { projectId: fc.constantFrom('P', 'Q'), bedrooms: fc.integer({ min: 0, max: 4 }) },
      { requiredKeys: ['projectId'] },
    );
    fc.assert(
      fc.property(
        fc.array(layoutArb, { minLength: 1, maxLength: 8 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        fc.array(entryArb, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('A', 'B', 'C'),
        fc.integer({ min: 1, max: 6 }),
        (stock, kept, entries, tier, size) => {
          const h = household(tier, size, entries);
          const whole = rankedClassIds(policy, h, typesByProjectOf(stock)).classIds;
          const outcome = checkEligibility(policy, h, typesByProjectOf(stock));
          // With the stock as it was, the same list as at submission.
          if (outcome.eligible) expect(atFreeze(h, stock)).toEqual(outcome.classIds);
          const frozen = stock.filter((_, i) => kept[i]);
          const frozenIds = new Set(frozen.map(classIdOf));
          expect(atFreeze(h, frozen)).toEqual(whole.filter((c) => frozenIds.has(c)));
        },
      ),
      { seed: 20260517, numRuns: 300 },
    );
  });
});
