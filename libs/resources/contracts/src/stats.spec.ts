import { describe, expect, it } from '@jest/globals';
import { ResourceChangesSchema } from './resource-update.js';
import { MAX_STATS_DAYS, StatsQuerySchema } from './stats.js';

const DAY = 86_400_000;
const from = '2030-05-06T00:00:00+08:00';
const plusDays = (days: number) => new Date(Date.parse(from) + days * DAY).toISOString();
const pathsOf = (result: {
  success: boolean;
  error?: { issues: Array<{ path: PropertyKey[] }> };
}) => result.error?.issues.map((i) => i.path.join('.'));

describe('StatsQuerySchema', () => {
  it('takes a range of up to 366 days, with an optional unit', () => {
    expect(StatsQuerySchema.safeParse({ from, to: plusDays(MAX_STATS_DAYS) }).success).toBe(true);
    expect(StatsQuerySchema.parse({ from, to: plusDays(1), unitId: '' }).unitId).toBeUndefined();
  });

  it('names `to` when it is not after `from` or too far from it', () => {
    expect(pathsOf(StatsQuerySchema.safeParse({ from, to: from }))).toEqual(['to']);
    expect(pathsOf(StatsQuerySchema.safeParse({ from, to: plusDays(MAX_STATS_DAYS + 1) }))).toEqual(
      ['to'],
    );
  });
});

describe('ResourceChangesSchema', () => {
  it('takes any subset of the editable fields and a partial policy', () => {
    expect(ResourceChangesSchema.safeParse({ policy: { maxMinutes: 120 } }).success).toBe(true);
  });

  it('refuses nothing to change, unknown fields, and min above max in one patch', () => {
    expect(ResourceChangesSchema.safeParse({}).success).toBe(false);
    expect(ResourceChangesSchema.safeParse({ code: 'GM-R-100' }).success).toBe(false);
    expect(
      pathsOf(ResourceChangesSchema.safeParse({ policy: { minMinutes: 90, maxMinutes: 60 } })),
    ).toEqual(['policy.maxMinutes']);
  });
});
