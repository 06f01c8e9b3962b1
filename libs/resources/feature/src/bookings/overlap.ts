import { AppError } from '@gm/shared-errors';
import { isExclusionViolation } from '@gm/shared-db';

/** The problem type of a refused overlap: `…/booking-overlap`, a 409. */
export const BOOKING_OVERLAP = 'booking-overlap';

/** Runs `fn`; the calendar's exclusion constraint refusing it becomes a 409 `booking-overlap`. */
export async function refusingOverlaps<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (!isExclusionViolation(error)) throw error;
    throw AppError.conflict(
      `${what} overlaps a pending or approved booking or a maintenance window of the resource (buffers included)`,
      BOOKING_OVERLAP,
      [{ path: 'start', message: 'the time is taken', code: BOOKING_OVERLAP }],
    );
  }
}
