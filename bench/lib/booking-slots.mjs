// Valid, pairwise non-overlapping booking slots of the demo resources, for the booking benchmarks:
// every candidate is checked with the resources service's own policy rules (the built
// @gm/resources-domain), so a slot the benchmark sends is refused only by a real conflict.
/* global fetch */
import { blockedSpan, checkBookingRequest } from '@gm/resources-domain';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const HALF_HOUR = 30 * MINUTE_MS;
/** The slots must stay valid (lead time) for the whole benchmark. */
const VALID_FOR_MS = 30 * MINUTE_MS;

/** The shortest bookings a resource's policy allows, one after another with their buffers. */
export function slotsOf(resource, now = new Date()) {
  const { policy } = resource;
  const later = new Date(now.getTime() + VALID_FOR_MS);
  const length = Math.ceil(policy.minMinutes / policy.slotMinutes) * policy.slotMinutes * MINUTE_MS;
  const slots = [];
  let freeFrom = 0;
  // Every half hour (the demo policies open on the hour or half hour), from the lead time to the
  // furthest advance; the policy check keeps those on the slot grid, inside opening hours.
  const first =
    Math.ceil((now.getTime() + policy.leadTimeHours * 3_600_000) / HALF_HOUR) * HALF_HOUR;
  const last = now.getTime() + policy.maxAdvanceDays * DAY_MS;
  for (let s = first; s <= last; s += HALF_HOUR) {
    const start = new Date(s);
    const end = new Date(s + length);
    const valid = [now, later].every(
      (at) =>
        checkBookingRequest({ policy, status: resource.status, start, end, now: at }).length === 0,
    );
    if (!valid) continue;
    const blocked = blockedSpan(policy, start, end);
    if (blocked.start.getTime() < freeFrom) continue;
    freeFrom = blocked.end.getTime();
    slots.push({ start: start.toISOString(), end: end.toISOString() });
  }
  return slots;
}

/**
 * The demo resources that anyone may book at once (no approval, no qualification, no fair-share
 * cap, available), from the running platform's catalogue, with their slots; interleaved so that
 * consecutive requests go to different resources.
 */
export async function bookableSlots(baseUrl, codes) {
  const perResource = [];
  for (const code of codes) {
    const response = await fetch(`${baseUrl}/api/resources/${code}`);
    if (!response.ok) throw new Error(`GET /api/resources/${code} answered ${response.status}`);
    const resource = await response.json();
    const { policy } = resource;
    if (
      policy.requiresApproval ||
      policy.requiredQualification ||
      policy.monthlyCapHoursPerUnit != null ||
      policy.externalSharePercent != null ||
      resource.status !== 'available'
    )
      continue;
    perResource.push(slotsOf(resource).map((slot) => ({ resourceId: code, ...slot })));
  }
  const slots = [];
  for (let i = 0; perResource.some((list) => i < list.length); i++) {
    for (const list of perResource) if (i < list.length) slots.push(list[i]);
  }
  return slots;
}
