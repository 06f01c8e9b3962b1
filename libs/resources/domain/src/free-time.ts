import type { BookingPolicy } from '@gm/resources-contracts';
import { intersectIntervals, subtractIntervals, type Interval } from './interval.js';
import { openIntervals } from './opening-hours.js';
import { MINUTE_MS } from './shanghai-time.js';

/**
 * Where a new booking of at least `minutes` could go in `[from, to)`: inside opening hours, and
 * far enough from every blocked span (bookings with their buffers, maintenance) that its own
 * buffers fit too.
 */
export function freeStretches(
  policy: Pick<BookingPolicy, 'bufferBeforeMinutes' | 'bufferAfterMinutes' | 'openingHours'>,
  blocked: readonly Interval[],
  window: Interval,
  minutes: number,
): Interval[] {
  const before = policy.bufferBeforeMinutes * MINUTE_MS;
  const after = policy.bufferAfterMinutes * MINUTE_MS;
  // Widen each taken span by the new booking's buffers: its start may not fall in `busy - after`.
  const taken = blocked.map((b) => ({ start: b.start - after, end: b.end + before }));
  const gaps = subtractIntervals(window, taken);
  const open = openIntervals(policy.openingHours, window.start, window.end);
  return intersectIntervals(gaps, open).filter((g) => g.end - g.start >= minutes * MINUTE_MS);
}
