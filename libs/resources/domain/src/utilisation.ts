import type { BookingPolicy, UtilisationFigures } from '@gm/resources-contracts';
import { hoursWithin } from './fair-share.js';
import { subtractIntervals, type Interval } from './interval.js';
import { openIntervals } from './opening-hours.js';

/**
 * Hours a resource could be booked in `window`: its opening hours (Asia/Shanghai) inside the
 * window, less the maintenance windows (which may overlap each other or closed time).
 */
export function availableHours(
  openingHours: BookingPolicy['openingHours'],
  window: Interval,
  maintenance: readonly Interval[],
): number {
  let total = 0;
  for (const open of openIntervals(openingHours, window.start, window.end)) {
    const inWindow = {
      start: Math.max(open.start, window.start),
      end: Math.min(open.end, window.end),
    };
    for (const free of subtractIntervals(inWindow, maintenance)) total += hoursWithin(free, window);
  }
  return total;
}

/** Unrounded sums over one resource or many; turned into published figures by `toFigures`. */
export interface UtilisationTotals {
  availableHours: number;
  bookedHours: number;
  pendingHours: number;
  cancelledLateCount: number;
  cancelledLateHours: number;
  requestedHours: number;
  outsideHours: number;
}

export const NO_UTILISATION: UtilisationTotals = Object.freeze({
  availableHours: 0,
  bookedHours: 0,
  pendingHours: 0,
  cancelledLateCount: 0,
  cancelledLateHours: 0,
  requestedHours: 0,
  outsideHours: 0,
});

export function addTotals(a: UtilisationTotals, b: UtilisationTotals): UtilisationTotals {
  return {
    availableHours: a.availableHours + b.availableHours,
    bookedHours: a.bookedHours + b.bookedHours,
    pendingHours: a.pendingHours + b.pendingHours,
    cancelledLateCount: a.cancelledLateCount + b.cancelledLateCount,
    cancelledLateHours: a.cancelledLateHours + b.cancelledLateHours,
    requestedHours: a.requestedHours + b.requestedHours,
    outsideHours: a.outsideHours + b.outsideHours,
  };
}

const roundHours = (hours: number) => Math.round(hours * 100) / 100;
const ratioOf = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;

/**
 * The published figures: hours to the hundredth, ratios to four places, computed from the
 * unrounded sums (so a unit's utilisation is its booked over its available hours, not an
 * average of its resources' ratios); a ratio over nothing is null.
 */
export function toFigures(t: UtilisationTotals): UtilisationFigures {
  return {
    availableHours: roundHours(t.availableHours),
    bookedHours: roundHours(t.bookedHours),
    pendingHours: roundHours(t.pendingHours),
    cancelledLate: { count: t.cancelledLateCount, hours: roundHours(t.cancelledLateHours) },
    utilisation: ratioOf(t.bookedHours, t.availableHours),
    requestedHours: roundHours(t.requestedHours),
    outsideDemand: {
      hours: roundHours(t.outsideHours),
      share: ratioOf(t.outsideHours, t.requestedHours),
    },
  };
}
