import { describe, expect, it } from '@jest/globals';
import { BOOKING_STATUSES, type BookingStatus } from '@gm/resources-contracts';
import { canTransition, initialBookingStatus, type BookingTransition } from './booking-status.js';

describe('booking transitions', () => {
  const allowed: Record<BookingTransition, BookingStatus[]> = {
    approve: ['pending'],
    reject: ['pending'],
    cancel: ['pending', 'approved'],
    complete: ['approved'],
  };

  it.each(Object.entries(allowed))('%s is allowed only from %j', (transition, from) => {
    for (const status of BOOKING_STATUSES) {
      expect(canTransition(status, transition as BookingTransition)).toBe(from.includes(status));
    }
  });

  it('starts pending where approval is needed, approved where not', () => {
    expect(initialBookingStatus(true)).toBe('pending');
    expect(initialBookingStatus(false)).toBe('approved');
  });
});
