import type { BookingPolicy, ResourceStatus } from '@gm/resources-contracts';
import type { Interval } from './interval.js';
import { openIntervals } from './opening-hours.js';
import { MINUTE_MS, localDayOf } from './shanghai-time.js';

const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** The rules a booking request can break; each is the `errors[].code` of the refusal. */
export const POLICY_RULES = {
  resourceUnavailable: 'policy.resource-unavailable',
  minDuration: 'policy.min-duration',
  maxDuration: 'policy.max-duration',
  slotGranularity: 'policy.slot-granularity',
  leadTime: 'policy.lead-time',
  maxAdvance: 'policy.max-advance',
  openingHours: 'policy.opening-hours',
  qualificationRequired: 'policy.qualification-required',
  monthlyCap: 'policy.monthly-cap',
  externalShare: 'policy.external-share',
} as const;
export type PolicyRule = (typeof POLICY_RULES)[keyof typeof POLICY_RULES];

/** One broken rule: which, where in the request, why, and the rule's limit. */
export interface PolicyViolation {
  rule: PolicyRule;
  path: 'resourceId' | 'start' | 'end';
  message: string;
  limit: unknown;
}

export interface BookingRequestCheck {
  policy: BookingPolicy;
  status: ResourceStatus;
  start: Date;
  end: Date;
  now: Date;
  /**
   * Until when the requester holds the policy's `requiredQualification` (null: not at all).
   * Read only where the policy requires one; it must last until the booking's end.
   */
  qualifiedUntil?: Date | null;
}

/**
 * Every policy rule a requested `[start, end)` breaks, all at once (empty when it may be
 * booked). Clock times are read in Asia/Shanghai. Overlaps are the database's business.
 */
export function checkBookingRequest({
  policy,
  status,
  start,
  end,
  now,
  qualifiedUntil,
}: BookingRequestCheck): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  const s = start.getTime();
  const e = end.getTime();
  const minutes = (e - s) / MINUTE_MS;

  if (status !== 'available') {
    violations.push({
      rule: POLICY_RULES.resourceUnavailable,
      path: 'resourceId',
      message: `the resource is ${status}, not available for booking`,
      limit: 'available',
    });
  }
  const qualification = policy.requiredQualification;
  if (qualification && !(qualifiedUntil && qualifiedUntil.getTime() >= e)) {
    violations.push({
      rule: POLICY_RULES.qualificationRequired,
      path: 'resourceId',
      message: `the resource requires the qualification ${qualification}, valid until the booking ends`,
      limit: qualification,
    });
  }
  if (minutes < policy.minMinutes) {
    violations.push({
      rule: POLICY_RULES.minDuration,
      path: 'end',
      message: `a booking lasts at least ${policy.minMinutes} minutes`,
      limit: policy.minMinutes,
    });
  }
  if (minutes > policy.maxMinutes) {
    violations.push({
      rule: POLICY_RULES.maxDuration,
      path: 'end',
      message: `a booking lasts at most ${policy.maxMinutes} minutes`,
      limit: policy.maxMinutes,
    });
  }
  if (s < now.getTime() + policy.leadTimeHours * HOUR_MS) {
    violations.push({
      rule: POLICY_RULES.leadTime,
      path: 'start',
      message: `a booking starts at least ${policy.leadTimeHours} hours from now`,
      limit: policy.leadTimeHours,
    });
  }
  if (s > now.getTime() + policy.maxAdvanceDays * DAY_MS) {
    violations.push({
      rule: POLICY_RULES.maxAdvance,
      path: 'start',
      message: `a booking starts at most ${policy.maxAdvanceDays} days ahead`,
      limit: policy.maxAdvanceDays,
    });
  }

  const open = e > s ? openIntervals(policy.openingHours, s, e) : [];
  const span = open.find((o) => o.start <= s && e <= o.end);
  if (!span) {
    violations.push({
      rule: POLICY_RULES.openingHours,
      path: 'start',
      message: 'a booking lies within the opening hours (Asia/Shanghai)',
      limit: policy.openingHours,
    });
  }
  if (!onSlotGrid(s, e, policy.slotMinutes, span)) {
    violations.push({
      rule: POLICY_RULES.slotGranularity,
      path: 'start',
      message: `a booking starts and ends on a ${policy.slotMinutes}-minute slot from opening time`,
      limit: policy.slotMinutes,
    });
  }
  return violations;
}

/** Start and end on multiples of `slot` minutes after the opening (else local midnight). */
function onSlotGrid(start: number, end: number, slot: number, span: Interval | undefined): boolean {
  const origin = span?.start ?? localDayOf(start).midnight;
  const step = slot * MINUTE_MS;
  return (start - origin) % step === 0 && (end - origin) % step === 0;
}

/**
 * The span a booking keeps from others: its own time plus the buffers before and after. Two
 * bookings may not have overlapping blocked spans, so the gap between them is at least the
 * earlier one's buffer after plus the later one's buffer before.
 */
export function blockedSpan(
  policy: Pick<BookingPolicy, 'bufferBeforeMinutes' | 'bufferAfterMinutes'>,
  start: Date,
  end: Date,
): { start: Date; end: Date } {
  return {
    start: new Date(start.getTime() - policy.bufferBeforeMinutes * MINUTE_MS),
    end: new Date(end.getTime() + policy.bufferAfterMinutes * MINUTE_MS),
  };
}
