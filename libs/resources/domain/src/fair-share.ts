import type { BookingPolicy } from '@gm/resources-contracts';
import { POLICY_RULES, type PolicyViolation } from './booking-policy.js';
import type { Interval } from './interval.js';
import { openIntervals } from './opening-hours.js';
import { SHANGHAI_OFFSET_MINUTES, MINUTE_MS } from './shanghai-time.js';

const HOUR_MS = 60 * MINUTE_MS;
const OFFSET_MS = SHANGHAI_OFFSET_MINUTES * MINUTE_MS;

/** A calendar month in Asia/Shanghai, e.g. `2030-05`, as an absolute span. */
export interface ShanghaiMonth extends Interval {
  key: string;
}

/** The Asia/Shanghai month `instant` falls in. */
export function shanghaiMonthOf(instant: number): ShanghaiMonth {
  const local = new Date(instant + OFFSET_MS);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  return {
    key: `${year}-${String(month + 1).padStart(2, '0')}`,
    start: Date.UTC(year, month, 1) - OFFSET_MS,
    end: Date.UTC(year, month + 1, 1) - OFFSET_MS,
  };
}

/** Every Asia/Shanghai month `[start, end)` touches, in order. */
export function shanghaiMonthsOf(start: number, end: number): ShanghaiMonth[] {
  const months: ShanghaiMonth[] = [];
  for (let month = shanghaiMonthOf(start); month.start < end; month = shanghaiMonthOf(month.end)) {
    months.push(month);
  }
  return months;
}

/** Hours of `[start, end)` that fall inside `within`. */
export function hoursWithin(span: Interval, within: Interval): number {
  return Math.max(0, Math.min(span.end, within.end) - Math.max(span.start, within.start)) / HOUR_MS;
}

/** Hours a resource is open for booking in `window` (its opening hours, Asia/Shanghai). */
export function openHours(openingHours: BookingPolicy['openingHours'], window: Interval): number {
  return openIntervals(openingHours, window.start, window.end).reduce(
    (sum, open) => sum + hoursWithin(open, window),
    0,
  );
}

export interface FairShareCheck {
  policy: Pick<BookingPolicy, 'monthlyCapHoursPerUnit' | 'externalSharePercent' | 'openingHours'>;
  month: ShanghaiMonth;
  /** Hours of the new booking inside `month`. */
  requestedHours: number;
  /** Hours the requesting unit already holds on the resource in `month` (pending, approved, done). */
  unitBookedHours: number;
  /** Whether the requesting unit owns the resource. */
  ownerUnit: boolean;
}

/**
 * The fair-share rules a booking breaks in one month: the per-unit monthly cap, and for the
 * owning unit the share of the month's opening hours reserved for other institutes.
 */
export function checkFairShare({
  policy,
  month,
  requestedHours,
  unitBookedHours,
  ownerUnit,
}: FairShareCheck): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  const total = unitBookedHours + requestedHours;
  const cap = policy.monthlyCapHoursPerUnit;
  if (cap != null && total > cap) {
    violations.push({
      rule: POLICY_RULES.monthlyCap,
      path: 'end',
      message: `a unit books at most ${cap} hours of this resource per month; yours has ${round(unitBookedHours)} in ${month.key}`,
      limit: cap,
    });
  }
  const share = policy.externalSharePercent;
  if (ownerUnit && share != null) {
    const ownerLimit = (openHours(policy.openingHours, month) * (100 - share)) / 100;
    if (total > ownerLimit) {
      violations.push({
        rule: POLICY_RULES.externalShare,
        path: 'end',
        message: `${share}% of the month’s opening hours are kept for other institutes: the owning unit books at most ${round(ownerLimit)} hours in ${month.key}`,
        limit: share,
      });
    }
  }
  return violations;
}

const round = (hours: number) => Math.round(hours * 100) / 100;
