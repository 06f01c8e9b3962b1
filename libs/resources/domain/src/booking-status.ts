import type { BookingStatus } from '@gm/resources-contracts';

/** What may happen to a booking, and the state it must be in: `pending → approved | rejected | cancelled`, `approved → cancelled | completed`. */
export const BOOKING_TRANSITIONS = {
  approve: { from: ['pending'], to: 'approved' },
  reject: { from: ['pending'], to: 'rejected' },
  cancel: { from: ['pending', 'approved'], to: 'cancelled' },
  complete: { from: ['approved'], to: 'completed' },
} as const satisfies Record<string, { from: readonly BookingStatus[]; to: BookingStatus }>;
export type BookingTransition = keyof typeof BOOKING_TRANSITIONS;

export function canTransition(status: BookingStatus, transition: BookingTransition): boolean {
  return (BOOKING_TRANSITIONS[transition].from as readonly BookingStatus[]).includes(status);
}

/** The state a new booking starts in. */
export const initialBookingStatus = (requiresApproval: boolean): BookingStatus =>
  requiresApproval ? 'pending' : 'approved';

/** Bookings in these states hold their time (and buffers) against every other claim. */
export const ACTIVE_BOOKING_STATUSES = [
  'pending',
  'approved',
] as const satisfies readonly BookingStatus[];
