import { AppError } from '@gm/shared-errors';
import { isExclusionViolation, retryingTransientConflicts } from '@gm/shared-db';

/** The problem type of a refused overlap: `…/booking-overlap`, a 409. */
export const BOOKING_OVERLAP = 'booking-overlap';

/**
 * Runs the transaction `fn`; the calendar's exclusion constraint refusing it becomes a 409
 * `booking-overlap`. Concurrent inserts checking one constraint can deadlock each other; such a
 * transaction is run again, and then meets the committed winner as an overlap.
 */
export async function refusingOverlaps<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await retryingTransientConflicts(fn);
  } catch (error) {
    if (!isExclusionViolation(error)) throw error;
    throw bookingOverlap(what);
  }
}

/** The 409 of a time already claimed, for a claim that found it taken without an error. */
export function bookingOverlap(what: string): AppError {
  return AppError.conflict(
    `${what} overlaps a pending or approved booking or a maintenance window of the resource (buffers included)`,
    BOOKING_OVERLAP,
    [{ path: 'start', message: 'the time is taken', code: BOOKING_OVERLAP }],
  );
}
