import { Injectable } from '@nestjs/common';
import type { Identity } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { inTransaction } from '@gm/shared-db';
import { Outbox } from '@gm/shared-messaging';
import {
  BookingApproved,
  BookingCancelled,
  BookingRejected,
  type Booking,
} from '@gm/resources-contracts';
import {
  addBookingHistory,
  findBookingForUpdate,
  findResource,
  releaseBookingBlock,
  setBookingStatus,
  type BookingView,
} from '@gm/resources-data-access';
import {
  BOOKING_TRANSITIONS,
  blockedSpan,
  canTransition,
  type BookingTransition,
} from '@gm/resources-domain';
import { WaitlistHolds } from '../waitlist/waitlist-holds.js';
import { InjectResourcesDatabase, type ResourcesDatabase } from '../database.js';
import { canSeeBooking, managesUnit } from './authorisation.js';
import { toBooking, toBookingEventData } from './booking.mapper.js';

/** The problem type of a transition the booking's state does not allow (a 409). */
export const BOOKING_STATE = 'booking-state';

const EVENTS = {
  approve: BookingApproved,
  reject: BookingRejected,
  cancel: BookingCancelled,
} as const;
const ACTIONS = { approve: 'approved', reject: 'rejected', cancel: 'cancelled' } as const;

type Decision = Exclude<BookingTransition, 'complete'>;

/**
 * Approve or reject (the owning unit's manager), cancel (the requester or that manager). The
 * booking row is locked first, so two decisions on one booking take turns and the second sees
 * the first's outcome; rejecting or cancelling frees the time in the same transaction, and
 * offers it to the first researcher waiting for it (a hold).
 */
@Injectable()
export class ChangeBookingUseCase {
  constructor(
    @InjectResourcesDatabase() private readonly database: ResourcesDatabase,
    private readonly outbox: Outbox,
    private readonly waitlist: WaitlistHolds,
  ) {}

  approve(identity: Identity, id: string): Promise<Booking> {
    return this.change(identity, id, 'approve', null);
  }

  reject(identity: Identity, id: string, reason: string): Promise<Booking> {
    return this.change(identity, id, 'reject', reason);
  }

  /** `now` is when the cancellation happens (recorded in the history: late or not). */
  cancel(identity: Identity, id: string, reason?: string, now?: Date): Promise<Booking> {
    return this.change(identity, id, 'cancel', reason ?? null, now);
  }

  private async change(
    identity: Identity,
    id: string,
    transition: Decision,
    reason: string | null,
    now: Date = new Date(),
  ): Promise<Booking> {
    const view = await inTransaction(this.database.db, async (trx) => {
      const booking = await findBookingForUpdate(trx, id);
      if (!booking) throw AppError.notFound('booking', id);
      authorise(identity, booking, transition);
      if (!canTransition(booking.status, transition)) {
        throw AppError.conflict(
          `a ${booking.status} booking cannot be ${ACTIONS[transition]}`,
          BOOKING_STATE,
          [
            {
              path: 'status',
              message: `${transition} needs one of: ${BOOKING_TRANSITIONS[transition].from.join(', ')}`,
              code: `booking.${transition}-not-allowed`,
              limit: BOOKING_TRANSITIONS[transition].from,
            },
          ],
        );
      }
      const to = BOOKING_TRANSITIONS[transition].to;
      await setBookingStatus(trx, id, to, reason);
      if (to !== 'approved') {
        await releaseBookingBlock(trx, id);
        const resource = await findResource(trx, { by: 'id', id: booking.resource_id });
        if (resource) {
          const freed = blockedSpan(
            {
              bufferBeforeMinutes: resource.buffer_before_minutes,
              bufferAfterMinutes: resource.buffer_after_minutes,
            },
            booking.starts_at,
            booking.ends_at,
          );
          await this.waitlist.offerFreedTime(trx, resource, freed, now);
        }
      }
      await addBookingHistory(trx, {
        at: now,
        booking_id: id,
        action: ACTIONS[transition],
        actor_id: identity.id,
        from_status: booking.status,
        to_status: to,
        note: reason,
      });
      const changed: BookingView = { ...booking, status: to, reason, updated_at: new Date() };
      await this.outbox.add(trx, EVENTS[transition], toBookingEventData(changed, identity.id), {
        subject: id,
      });
      return changed;
    });
    return toBooking(view);
  }
}

function authorise(identity: Identity, booking: BookingView, transition: Decision): void {
  if (!canSeeBooking(identity, booking)) {
    // Not the caller's booking nor its unit's: say no without saying more.
    throw AppError.forbidden('this booking is neither yours nor your unit’s resource');
  }
  if (transition !== 'cancel' && !managesUnit(identity, booking.unit_id)) {
    throw AppError.forbidden(`only the owning unit’s resource manager may ${transition} a booking`);
  }
}
