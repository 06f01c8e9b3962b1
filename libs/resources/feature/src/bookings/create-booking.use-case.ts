import { Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Identity } from '@gm/shared-contracts';
import { inTransaction, type Executor } from '@gm/shared-db';
import { AppError } from '@gm/shared-errors';
import { Outbox } from '@gm/shared-messaging';
import {
  BookingApproved,
  BookingRequested,
  type Booking,
  type BookingEventData,
  type CreateBookingInput,
  type Resource,
} from '@gm/resources-contracts';
import {
  findActiveHoldsForUpdate,
  findClaimObstacles,
  insertBookingClaimingCalendar,
  lockForTransaction,
  releaseHoldBlock,
  setHoldStatus,
  setWaitlistStatus,
  sumBookedHours,
  type BookingClaim,
  type BookingView,
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
import { ResourceCache } from '../catalogue/resource-cache.js';
import { InjectResourcesDatabase, type ResourcesDatabase } from '../database.js';
import { toBooking } from './booking.mapper.js';
import { bookingOverlap, refusingOverlaps } from './overlap.js';
import { BOOKING_POLICY, policyRefusal } from './policy-refusal.js';
import { admitBookingRequest } from './admit-booking-request.js';

export { BOOKING_POLICY };

/** Runs of a request whose resource changed between admission and write, before giving up. */
const MAX_STALE_ATTEMPTS = 3;

/**
 * A researcher asks for `[start, end)` of a resource: checked against the policy (qualification
 * included), then the time (with buffers) is claimed in the calendar, whose exclusion constraint
 * refuses any overlap, together with the booking, its history and its events. Usually that is
 * one statement (ADR 0019); a unit's fair share, or a hold the requester has on that time (which
 * the booking takes over), needs a transaction around it. The resource may come from the
 * catalogue cache: the write happens only if the resource is still as admitted, else the request
 * is admitted again on the current row.
 */
@Injectable()
export class CreateBookingUseCase {
  constructor(
    @InjectResourcesDatabase() private readonly database: ResourcesDatabase,
    private readonly outbox: Outbox,
    private readonly cache: ResourceCache,
  ) {}

  async execute(
    identity: Identity,
    input: CreateBookingInput,
    now: Date = new Date(),
  ): Promise<Booking> {
    for (let attempt = 1; ; attempt++) {
      const booked = await this.attempt(identity, input, now);
      if (booked !== 'stale') return toBooking(booked);
      if (attempt >= MAX_STALE_ATTEMPTS) {
        throw AppError.conflict('the resource is being edited; try again', 'resource-changed');
      }
    }
  }

  /** One admission and write; 'stale' when the resource changed in between (nothing written). */
  private async attempt(
    identity: Identity,
    input: CreateBookingInput,
    now: Date,
  ): Promise<BookingView | 'stale'> {
    const { db } = this.database;
    const { resource, start, end, version } = await admitBookingRequest(
      db,
      identity,
      input,
      now,
      this.cache,
    );

    const id = uuidv7();
    const status = initialBookingStatus(resource.policy.requiresApproval);
    const blocked = blockedSpan(resource.policy, start, end);
    const data: BookingEventData = {
      bookingId: id,
      resourceId: resource.id,
      resourceCode: resource.code,
      resourceName: resource.name,
      resourceNameEn: resource.nameEn,
      unitId: resource.unit.id,
      requesterId: identity.id,
      requesterUnitId: identity.unitId ?? null,
      start: start.toISOString(),
      end: end.toISOString(),
      status,
      actorId: identity.id,
      reason: null,
    };
    const claim: BookingClaim = {
      booking: {
        id,
        resource_id: resource.id,
        requester_id: identity.id,
        requester_unit_id: identity.unitId ?? null,
        starts_at: start,
        ends_at: end,
        purpose: input.purpose,
        status,
      },
      resourceVersion: version,
      blockedStart: blocked.start,
      blockedEnd: blocked.end,
      actorId: identity.id,
      note: status === 'approved' ? 'approved on request: the policy needs no approval' : null,
      events: [
        this.outbox.row(BookingRequested, data, { subject: id }),
        ...(status === 'approved' ? [this.outbox.row(BookingApproved, data, { subject: id })] : []),
      ],
    };
    // With the transaction when there is one: on PGlite, `db` would wait for it forever.
    const obstacle = async (
      executor: Executor<ResourcesDB>,
    ): Promise<'stale' | 'held' | undefined> => {
      const found = await findClaimObstacles(executor, {
        resourceId: resource.id,
        requesterId: identity.id,
        from: blocked.start,
        to: blocked.end,
        now,
      });
      if (!found.resourceVersion || found.resourceVersion.getTime() !== version.getTime()) {
        this.cache.forget(resource.id);
        return 'stale';
      }
      return found.ownLiveHold ? 'held' : undefined;
    };
    return refusingOverlaps('the booking', async () => {
      if (!fairShareApplies(resource, identity)) {
        // The common case: one statement, one round trip, no transaction around it.
        const booked = await insertBookingClaimingCalendar(db, claim);
        if (booked) return booked;
        // Nothing written: the resource changed, or the time is taken, and then only the
        // requester's own live hold on it may make way (below).
        const why = await obstacle(db);
        if (why === 'stale') return why;
        if (why !== 'held') throw bookingOverlap('the booking');
      }
      return inTransaction(db, async (trx) => {
        await enforceFairShare(trx, resource, identity, start, end);
        const holds = (
          await findActiveHoldsForUpdate(trx, resource.id, identity.id, blocked.start, blocked.end)
        ).filter((h) => h.expires_at.getTime() > now.getTime());
        // The holder's own hold makes way for the booking within this transaction.
        for (const hold of holds) await releaseHoldBlock(trx, hold.id);
        const booked = await insertBookingClaimingCalendar(trx, claim);
        if (!booked) {
          if ((await obstacle(trx)) === 'stale') throw STALE;
          throw bookingOverlap('the booking');
        }
        for (const hold of holds) {
          await setHoldStatus(trx, hold.id, 'converted', id);
          await setWaitlistStatus(trx, hold.waitlist_entry_id, 'booked');
        }
        return booked;
      }).catch((error: unknown) => {
        // Rolled back; the request is admitted again on the current resource.
        if (error === STALE) return 'stale' as const;
        throw error;
      });
    });
  }
}

/** Thrown to roll back a transaction whose resource changed since admission. */
const STALE = new Error('the resource changed since the request was admitted');

/** Whether the resource's fair-share rules concern this requester (see `enforceFairShare`). */
function fairShareApplies(resource: Resource, identity: Identity): boolean {
  const { monthlyCapHoursPerUnit, externalSharePercent } = resource.policy;
  const ownerUnit = identity.unitId === resource.unit.id;
  return monthlyCapHoursPerUnit != null || (externalSharePercent != null && ownerUnit);
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
  if (!fairShareApplies(resource, identity)) return;
  const ownerUnit = identity.unitId === resource.unit.id;
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
