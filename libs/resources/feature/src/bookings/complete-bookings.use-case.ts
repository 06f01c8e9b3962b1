import { Injectable } from '@nestjs/common';
import { inTransaction } from '@gm/shared-db';
import { Outbox } from '@gm/shared-messaging';
import { BookingCompleted } from '@gm/resources-contracts';
import {
  addBookingHistory,
  findEndedApprovedBookings,
  setBookingStatus,
} from '@gm/resources-data-access';
import { InjectResourcesDatabase, type ResourcesDatabase } from '../database.js';
import { toBookingEventData } from './booking.mapper.js';

const BATCH = 100;

/**
 * Marks approved bookings that have ended as `completed`, in batches. Rows are locked with
 * SKIP LOCKED, so replicas sweeping at once share the work and never complete one twice.
 */
@Injectable()
export class CompleteEndedBookingsUseCase {
  constructor(
    @InjectResourcesDatabase() private readonly database: ResourcesDatabase,
    private readonly outbox: Outbox,
  ) {}

  /** Returns how many bookings it completed. */
  async execute(now: Date = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const done = await inTransaction(this.database.db, async (trx) => {
        const ended = await findEndedApprovedBookings(trx, now, BATCH);
        for (const booking of ended) {
          await setBookingStatus(trx, booking.id, 'completed', booking.reason);
          await addBookingHistory(trx, {
            booking_id: booking.id,
            action: 'completed',
            actor_id: null,
            from_status: 'approved',
            to_status: 'completed',
            note: null,
          });
          await this.outbox.add(
            trx,
            BookingCompleted,
            toBookingEventData({ ...booking, status: 'completed' }, null),
            { subject: booking.id },
          );
        }
        return ended.length;
      });
      total += done;
      if (done < BATCH) return total;
    }
  }
}
