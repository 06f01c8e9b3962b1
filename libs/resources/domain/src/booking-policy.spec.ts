import { describe, expect, it } from '@jest/globals';
import type { BookingPolicy } from '@gm/resources-contracts';
import { blockedSpan, checkBookingRequest, POLICY_RULES } from './booking-policy.js';

// Monday to Saturday 08:30–21:00 in Asia/Shanghai, like the demo instruments.
const policy: BookingPolicy = {
  requiresApproval: true,
  minMinutes: 30,
  maxMinutes: 240,
  slotMinutes: 30,
  bufferMinutes: 15,
  bufferBeforeMinutes: 15,
  bufferAfterMinutes: 10,
  leadTimeHours: 24,
  maxAdvanceDays: 30,
  openingHours: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, open: '08:30', close: '21:00' })),
};

// Monday 6 May 2030, midnight in Shenzhen.
const now = new Date('2030-05-06T00:00:00+08:00');
const at = (local: string) => new Date(`${local}+08:00`);

const check = (start: string, end: string, overrides: Partial<BookingPolicy> = {}) =>
  checkBookingRequest({
    policy: { ...policy, ...overrides },
    status: 'available',
    start: at(start),
    end: at(end),
    now,
  });
const rules = (violations: ReturnType<typeof check>) => violations.map((v) => v.rule);

describe('checkBookingRequest', () => {
  it('accepts a booking that keeps every rule', () => {
    // Tuesday 09:00–11:00: within hours, on the 30-minute grid, 33 h ahead.
    expect(check('2030-05-07T09:00:00', '2030-05-07T11:00:00')).toEqual([]);
  });

  it('refuses a resource that is not available, naming its status', () => {
    for (const status of ['maintenance', 'retired'] as const) {
      const violations = checkBookingRequest({
        policy,
        status,
        start: at('2030-05-07T09:00:00'),
        end: at('2030-05-07T10:00:00'),
        now,
      });
      expect(violations).toEqual([
        expect.objectContaining({
          rule: POLICY_RULES.resourceUnavailable,
          path: 'resourceId',
          limit: 'available',
        }),
      ]);
    }
  });

  it('refuses a booking shorter than the minimum, with the limit', () => {
    const violations = check('2030-05-07T09:00:00', '2030-05-07T09:30:00', { minMinutes: 60 });
    expect(violations).toEqual([
      expect.objectContaining({ rule: POLICY_RULES.minDuration, path: 'end', limit: 60 }),
    ]);
    expect(check('2030-05-07T09:00:00', '2030-05-07T10:00:00', { minMinutes: 60 })).toEqual([]);
  });

  it('refuses a booking longer than the maximum, with the limit', () => {
    expect(check('2030-05-07T09:00:00', '2030-05-07T13:30:00')).toEqual([
      expect.objectContaining({ rule: POLICY_RULES.maxDuration, path: 'end', limit: 240 }),
    ]);
    expect(check('2030-05-07T09:00:00', '2030-05-07T13:00:00')).toEqual([]);
  });

  it('refuses a start or end off the slot grid counted from opening time', () => {
    // The grid runs from 08:30: 09:00 and 09:30 are on it, 09:15 is not.
    expect(rules(check('2030-05-07T09:15:00', '2030-05-07T10:30:00'))).toEqual([
      POLICY_RULES.slotGranularity,
    ]);
    expect(rules(check('2030-05-07T09:00:00', '2030-05-07T10:10:00'))).toEqual([
      POLICY_RULES.slotGranularity,
    ]);
    // An hour grid from 08:30 puts 09:00 off it.
    const hourly = check('2030-05-07T09:00:00', '2030-05-07T10:00:00', { slotMinutes: 60 });
    expect(hourly).toEqual([
      expect.objectContaining({ rule: POLICY_RULES.slotGranularity, limit: 60 }),
    ]);
    expect(check('2030-05-07T09:30:00', '2030-05-07T10:30:00', { slotMinutes: 60 })).toEqual([]);
  });

  it('refuses a start inside the lead time, with the hours', () => {
    // Monday 09:00 is 9 hours away; 24 are needed.
    expect(check('2030-05-06T09:00:00', '2030-05-06T10:00:00')).toEqual([
      expect.objectContaining({ rule: POLICY_RULES.leadTime, path: 'start', limit: 24 }),
    ]);
    expect(check('2030-05-06T09:00:00', '2030-05-06T10:00:00', { leadTimeHours: 9 })).toEqual([]);
  });

  it('refuses a start further ahead than allowed, with the days', () => {
    // Thursday 6 June is 31 days ahead.
    expect(check('2030-06-06T09:00:00', '2030-06-06T10:00:00')).toEqual([
      expect.objectContaining({ rule: POLICY_RULES.maxAdvance, path: 'start', limit: 30 }),
    ]);
    expect(check('2030-06-04T09:00:00', '2030-06-04T10:00:00')).toEqual([]);
  });

  it('refuses a booking outside the opening hours in Asia/Shanghai', () => {
    const early = check('2030-05-07T08:00:00', '2030-05-07T09:00:00');
    expect(early).toEqual([
      expect.objectContaining({
        rule: POLICY_RULES.openingHours,
        limit: policy.openingHours,
      }),
    ]);
    expect(rules(check('2030-05-07T20:30:00', '2030-05-07T21:30:00'))).toEqual([
      POLICY_RULES.openingHours,
    ]);
    // Sunday is closed.
    expect(rules(check('2030-05-12T09:00:00', '2030-05-12T10:00:00'))).toEqual([
      POLICY_RULES.openingHours,
    ]);
    // 01:00Z is 09:00 in Shenzhen: the clock is read in Asia/Shanghai, not UTC.
    expect(
      checkBookingRequest({
        policy,
        status: 'available',
        start: new Date('2030-05-07T01:00:00Z'),
        end: new Date('2030-05-07T02:00:00Z'),
        now,
      }),
    ).toEqual([]);
  });

  it('lets a booking run through midnight where the hours do', () => {
    const allDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      weekday,
      open: '00:00',
      close: '24:00',
    }));
    const overnight = { openingHours: allDay, maxMinutes: 4320, slotMinutes: 60 };
    expect(check('2030-05-07T22:00:00', '2030-05-08T02:00:00', overnight)).toEqual([]);
    expect(rules(check('2030-05-07T20:00:00', '2030-05-08T09:00:00', { maxMinutes: 900 }))).toEqual(
      [POLICY_RULES.openingHours],
    );
  });

  it('refuses a resource needing a qualification the requester lacks, naming it', () => {
    const needs = { requiredQualification: 'cryo-em-training' };
    const booking = ['2030-05-07T09:00:00', '2030-05-07T10:00:00'] as const;
    const refused = [
      expect.objectContaining({
        rule: POLICY_RULES.qualificationRequired,
        path: 'resourceId',
        limit: 'cryo-em-training',
      }),
    ];
    const withGrant = (qualifiedUntil: Date | null) =>
      checkBookingRequest({
        policy: { ...policy, ...needs },
        status: 'available',
        start: at(booking[0]),
        end: at(booking[1]),
        now,
        qualifiedUntil,
      });
    expect(check(...booking, needs)).toEqual(refused);
    expect(withGrant(null)).toEqual(refused);
    // Expiring before the booking ends is not enough.
    expect(withGrant(at('2030-05-07T09:30:00'))).toEqual(refused);
    expect(withGrant(at('2030-05-07T10:00:00'))).toEqual([]);
    expect(check(...booking, { requiredQualification: null })).toEqual([]);
  });

  it('names every broken rule at once', () => {
    expect(rules(check('2030-05-06T07:10:00', '2030-05-06T07:20:00')).sort()).toEqual(
      [
        POLICY_RULES.minDuration,
        POLICY_RULES.leadTime,
        POLICY_RULES.openingHours,
        POLICY_RULES.slotGranularity,
      ].sort(),
    );
  });
});

describe('blockedSpan', () => {
  it('adds the buffer before and the buffer after', () => {
    expect(blockedSpan(policy, at('2030-05-07T09:00:00'), at('2030-05-07T10:00:00'))).toEqual({
      start: at('2030-05-07T08:45:00'),
      end: at('2030-05-07T10:10:00'),
    });
  });
});
