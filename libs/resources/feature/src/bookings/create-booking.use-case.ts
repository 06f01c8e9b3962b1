import { Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Identity } from '@gm/shared-contracts';
import { inTransaction } from '@gm/shared-db';
import { Outbox } from '@gm/shared-messaging';
import {
  BookingApproved,
  BookingRequested,
  type Booking,
  type CreateBookingInput,
  type Resource,
} from '@gm/resources-contracts';
import {
  addBookingHistory,
  findActiveHoldsForUpdate,
  findBooking,
  insertBooking,
  insertCalendarBlock,
  lockForTransaction,
  releaseHoldBlock,
  setHoldStatus,
  setWaitlistStatus,
  sumBookedHours,
  type ResourcesDB,
} from '@gm/resources-data-access';
import {
  blockedSpan,
  checkFairShare,
  hoursWithin,
  initialBookingStatus,
  shanghaiMonthsOf,
  type PolicyViolation,
} from '@gm/resources-domain';
import { InjectResourcesDatabase, type ResourcesDatabase } from '../database.js';
import { toBooking, toBookingEventData } from './booking.mapper.js';
import { refusingOverlaps } from './overlap.js';
import { BOOKING_POLICY, policyRefusal } from './policy-refusal.js';
import { admitBookingRequest } from './admit-booking-request.js';

export { BOOKING_POLICY };

/**
 * A researcher asks for `[start, end)` of a resource: checked against the policy (qualification
 * included), then, in one transaction, against the unit's fair share, and the time (with
 * buffers) is claimed in the calendar, whose exclusion constraint refuses any overlap. A hold
 * the requester has on that time is taken over by the booking.
 */
@Injectable()
export class CreateBookingUseCase {
  constructor(
    @InjectResourcesDatabase() private readonly database: ResourcesDatabase,
    private readonly outbox: Outbox,
  ) {}

  async execute(
    identity: Identity,
    input: CreateBookingInput,
    now: Date = new Date(),
  ): Promise<Booking> {
    const { resource, start, end } = await admitBookingRequest(
      this.database.db,
      identity,
      input,
      now,
    );

    const id = uuidv7();
    const status = initialBookingStatus(resource.policy.requiresApproval);
    const blocked = blockedSpan(resource.policy, start, end);
    const view = await refusingOverlaps('the booking', () =>
      inTransaction(this.database.db, async (trx) => {
        await enforceFairShare(trx, resource, identity, start, end);
        const holds = (
          await findActiveHoldsForUpdate(trx, resource.id, identity.id, blocked.start, blocked.end)
        ).filter((h) => h.expires_at.getTime() > now.getTime());
        // The holder's own hold makes way for the booking within this transaction.
        for (const hold of holds) await releaseHoldBlock(trx, hold.id);
        await insertBooking(trx, {
          id,
          resource_id: resource.id,
          requester_id: identity.id,
          requester_unit_id: identity.unitId ?? null,
          starts_at: start,
          ends_at: end,
          purpose: input.purpose,
          status,
        });
        await insertCalendarBlock(trx, {
          id,
          resourceId: resource.id,
          kind: 'booking',
          bookingId: id,
          start,
          end,
          blockedStart: blocked.start,
          blockedEnd: blocked.end,
        });
        for (const hold of holds) {
          await setHoldStatus(trx, hold.id, 'converted', id);
          await setWaitlistStatus(trx, hold.waitlist_entry_id, 'booked');
        }
        await addBookingHistory(trx, {
          booking_id: id,
          action: 'requested',
          actor_id: identity.id,
          from_status: null,
          to_status: status,
          note: status === 'approved' ? 'approved on request: the policy needs no approval' : null,
        });
        const created = await findBooking(trx, id);
        if (!created) throw new Error(`booking ${id} vanished inside its own transaction`);
        const data = toBookingEventData(created, identity.id);
        await this.outbox.add(trx, BookingRequested, data, { subject: id });
        if (status === 'approved') {
          await this.outbox.add(trx, BookingApproved, data, { subject: id });
        }
        return created;
      }),
    );
    return toBooking(view);
  }
}

/**
 * The per-unit monthly cap and the owner's limit (the external share) for each Asia/Shanghai
 * month the booking touches. Race-free: a transaction-scoped advisory lock on (resource,
 * requesting unit, month) makes concurrent requests of one unit sum and insert one at a time;
 * the owner's limit concerns only the owner's own bookings, so the same lock covers it.
 */
async function enforceFairShare(
  trx: Transaction<ResourcesDB>,
  resource: Resource,
  identity: Identity,
  start: Date,
  end: Date,
): Promise<void> {
  const { monthlyCapHoursPerUnit, externalSharePercent } = resource.policy;
  const ownerUnit = identity.unitId === resource.unit.id;
  if (monthlyCapHoursPerUnit == null && (externalSharePercent == null || !ownerUnit)) return;
  const requesters = identity.unitId ? { unitId: identity.unitId } : { requesterId: identity.id };
  const who = identity.unitId ? `unit:${identity.unitId}` : `user:${identity.id}`;
  const span = { start: start.getTime(), end: end.getTime() };
  const violations: PolicyViolation[] = [];
  for (const month of shanghaiMonthsOf(span.start, span.end)) {
    await lockForTransaction(trx, `resources:fair-share:${resource.id}:${who}:${month.key}`);
    const booked = await sumBookedHours(
      trx,
      resource.id,
      requesters,
      new Date(month.start),
      new Date(month.end),
    );
    violations.push(
      ...checkFairShare({
        policy: resource.policy,
        month,
        requestedHours: hoursWithin(span, month),
        unitBookedHours: booked,
        ownerUnit,
      }),
    );
  }
  if (violations.length > 0) throw policyRefusal(resource.code, violations);
}
