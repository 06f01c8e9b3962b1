import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { BookingPolicySchema } from './booking-policy.js';
import { ResourceQuerySchema } from './resource.js';
import { ResourcesOverviewSchema } from './overview.js';

const policy = {
  requiresApproval: true,
  minMinutes: 30,
  maxMinutes: 240,
  slotMinutes: 30,
  bufferMinutes: 15,
  bufferBeforeMinutes: 15,
  bufferAfterMinutes: 10,
  leadTimeHours: 24,
  maxAdvanceDays: 30,
  openingHours: [{ weekday: 1, open: '08:30', close: '18:00' }],
};

describe('ResourceQuerySchema', () => {
  it('parses query-string values and applies paging defaults', () => {
    expect(
      ResourceQuerySchema.parse({
        q: '  电镜 ',
        category: 'instrument',
        unitId: '7f3c1a57-3b8e-4d0a-9a41-5e2b8f0c7d13',
      }),
    ).toEqual({
      q: '电镜',
      category: 'instrument',
      unitId: '7f3c1a57-3b8e-4d0a-9a41-5e2b8f0c7d13',
      page: 1,
      pageSize: 20,
    });
    expect(ResourceQuerySchema.parse({ page: '3', pageSize: '50' })).toMatchObject({
      page: 3,
      pageSize: 50,
    });
  });

  it('treats blank filters as absent', () => {
    const parsed = ResourceQuerySchema.parse({ q: '   ', category: '', unitId: '' });
    expect(parsed.q).toBeUndefined();
    expect(parsed.category).toBeUndefined();
    expect(parsed.unitId).toBeUndefined();
  });

  it('names every bad field', () => {
    const result = ResourceQuerySchema.safeParse({
      category: 'spaceship',
      unitId: 'nope',
      pageSize: 101,
      q: 'x'.repeat(101),
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['category', 'pageSize', 'q', 'unitId']);
  });

  it('parses its own output again unchanged', () => {
    const once = ResourceQuerySchema.parse({ q: ' cryo ', page: '2' });
    expect(ResourceQuerySchema.parse(once)).toEqual(once);
  });
});

describe('BookingPolicySchema', () => {
  it('accepts a consistent policy and optional limits', () => {
    expect(BookingPolicySchema.parse(policy)).toEqual(policy);
    expect(
      BookingPolicySchema.parse({
        ...policy,
        requiredQualification: null,
        monthlyCapHoursPerUnit: 40,
        externalSharePercent: 30,
      }),
    ).toMatchObject({ monthlyCapHoursPerUnit: 40 });
  });

  it('names every inconsistent duration, buffer and opening window at once', () => {
    const result = BookingPolicySchema.safeParse({
      ...policy,
      maxMinutes: 10,
      bufferMinutes: 5,
      openingHours: [
        { weekday: 8, open: '18:00', close: '08:00' },
        { weekday: 2, open: '9:00', close: '24:00' },
      ],
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual([
      'bufferMinutes',
      'maxMinutes',
      'openingHours.0.close',
      'openingHours.0.weekday',
      'openingHours.1.open',
    ]);
  });

  it('lets a day run to midnight', () => {
    expect(
      BookingPolicySchema.parse({
        ...policy,
        openingHours: [{ weekday: 6, open: '00:00', close: '24:00' }],
      }),
    ).toBeTruthy();
  });
});

describe('ResourcesOverviewSchema', () => {
  it('requires a count for every category and status', () => {
    type Overview = z.infer<typeof ResourcesOverviewSchema>;
    const overview: Overview = {
      units: 30,
      resources: {
        total: 2,
        byCategory: { instrument: 1, laboratory: 1, facility: 0, computing: 0, platform: 0 },
        byStatus: { available: 2, maintenance: 0, retired: 0 },
      },
    };
    expect(ResourcesOverviewSchema.parse(overview)).toEqual(overview);
    expect(
      ResourcesOverviewSchema.safeParse({
        ...overview,
        resources: { ...overview.resources, byStatus: { available: 2 } },
      }).success,
    ).toBe(false);
  });
});
