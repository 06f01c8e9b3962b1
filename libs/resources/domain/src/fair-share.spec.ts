import { describe, expect, it } from '@jest/globals';
import { POLICY_RULES } from './booking-policy.js';
import { checkFairShare, openHours, shanghaiMonthOf, shanghaiMonthsOf } from './fair-share.js';

const at = (local: string) => new Date(`${local}+08:00`).getTime();
// Every day 08:00–20:00: 12 open hours a day.
const openingHours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
  weekday,
  open: '08:00',
  close: '20:00',
}));
const may = shanghaiMonthOf(at('2030-05-15T12:00:00'));

describe('Shanghai months', () => {
  it('starts a month at local midnight of the 1st', () => {
    expect(may.key).toBe('2030-05');
    expect(may.start).toBe(at('2030-05-01T00:00:00'));
    expect(may.end).toBe(at('2030-06-01T00:00:00'));
    // 23:30 UTC on 31 May is already June in Shenzhen.
    expect(shanghaiMonthOf(Date.parse('2030-05-31T23:30:00Z')).key).toBe('2030-06');
  });

  it('lists each month a span touches', () => {
    expect(
      shanghaiMonthsOf(at('2030-05-31T20:00:00'), at('2030-06-01T04:00:00')).map((m) => m.key),
    ).toEqual(['2030-05', '2030-06']);
    expect(shanghaiMonthsOf(at('2030-05-02T08:00:00'), at('2030-05-02T10:00:00'))).toHaveLength(1);
  });

  it('counts the opening hours of a month', () => {
    expect(openHours(openingHours, may)).toBe(31 * 12);
  });
});

describe('checkFairShare', () => {
  const policy = { monthlyCapHoursPerUnit: 10, externalSharePercent: null, openingHours };

  it('refuses a unit going past its monthly cap, with the cap', () => {
    const within = { policy, month: may, unitBookedHours: 6, ownerUnit: false };
    expect(checkFairShare({ ...within, requestedHours: 4 })).toEqual([]);
    expect(checkFairShare({ ...within, requestedHours: 4.5 })).toEqual([
      expect.objectContaining({ rule: POLICY_RULES.monthlyCap, limit: 10 }),
    ]);
  });

  it('applies no cap where the policy sets none', () => {
    expect(
      checkFairShare({
        policy: { ...policy, monthlyCapHoursPerUnit: null },
        month: may,
        unitBookedHours: 1000,
        requestedHours: 4,
        ownerUnit: false,
      }),
    ).toEqual([]);
  });

  it('keeps the external share from the owning unit only', () => {
    // 372 open hours in May, 75% kept for others: the owner may take 93.
    const shared = { ...policy, monthlyCapHoursPerUnit: null, externalSharePercent: 75 };
    const owner = { policy: shared, month: may, unitBookedHours: 90, ownerUnit: true };
    expect(checkFairShare({ ...owner, requestedHours: 3 })).toEqual([]);
    expect(checkFairShare({ ...owner, requestedHours: 4 })).toEqual([
      expect.objectContaining({ rule: POLICY_RULES.externalShare, limit: 75 }),
    ]);
    expect(checkFairShare({ ...owner, ownerUnit: false, requestedHours: 4 })).toEqual([]);
  });
});
