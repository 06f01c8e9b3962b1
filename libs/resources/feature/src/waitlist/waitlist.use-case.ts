import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { Identity } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { inTransaction, isUniqueViolation } from '@gm/shared-db';
import type { JoinWaitlistInput, WaitlistEntry, WaitlistQuery } from '@gm/resources-contracts';
import {
  findWaitlistEntry,
  insertWaitlistEntry,
  listBusy,
  listWaitlistEntriesOf,
  type WaitlistEntryView,
} from '@gm/resources-data-access';
import { blockedSpan } from '@gm/resources-domain';
import { InjectResourcesDatabase, type ResourcesDatabase } from '../database.js';
import { admitBookingRequest } from '../bookings/admit-booking-request.js';

/** The problem type of a waitlist request that makes no sense now (a 409). */
export const WAITLIST_CONFLICT = 'waitlist-conflict';

/**
 * A researcher waits for a taken slot they could otherwise book (the policy, qualification
 * included, is checked as for a booking); when it frees they are offered a hold in turn.
 */
@Injectable()
export class WaitlistUseCase {
  constructor(@InjectResourcesDatabase() private readonly database: ResourcesDatabase) {}

  async join(
    identity: Identity,
    input: JoinWaitlistInput,
    now: Date = new Date(),
  ): Promise<WaitlistEntry> {
    const { resource, start, end } = await admitBookingRequest(
      this.database.db,
      identity,
      input,
      now,
    );

    const blocked = blockedSpan(resource.policy, start, end);
    const taken = await listBusy(this.database.db, [resource.id], blocked.start, blocked.end);
    if (taken.length === 0) {
      throw AppError.conflict('the slot is free: book it instead of waiting', WAITLIST_CONFLICT, [
        { path: 'start', message: 'nothing holds this time', code: 'waitlist.slot-free' },
      ]);
    }
    const id = uuidv7();
    try {
      await inTransaction(this.database.db, (trx) =>
        insertWaitlistEntry(trx, {
          id,
          resourceId: resource.id,
          userId: identity.id,
          userUnitId: identity.unitId ?? null,
          start,
          end,
        }),
      );
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw AppError.conflict('you are already waiting for this slot', WAITLIST_CONFLICT, [
        { path: 'start', message: 'already waiting', code: 'waitlist.already-waiting' },
      ]);
    }
    const view = await findWaitlistEntry(this.database.db, id);
    if (!view) throw new Error(`waitlist entry ${id} vanished`);
    return toWaitlistEntry(view);
  }

  /** The caller's own entries (with their holds), newest first. */
  async list(identity: Identity, query: WaitlistQuery): Promise<{ items: WaitlistEntry[] }> {
    const rows = await listWaitlistEntriesOf(this.database.db, identity.id, query.resourceId);
    return { items: rows.map(toWaitlistEntry) };
  }
}

export function toWaitlistEntry(view: WaitlistEntryView): WaitlistEntry {
  return {
    id: view.id,
    resourceId: view.resource_id,
    resourceCode: view.resource_code,
    userId: view.user_id,
    start: view.starts_at.toISOString(),
    end: view.ends_at.toISOString(),
    status: view.status,
    hold:
      view.hold_id && view.hold_expires_at && view.hold_status
        ? {
            id: view.hold_id,
            expiresAt: view.hold_expires_at.toISOString(),
            status: view.hold_status,
          }
        : null,
    createdAt: view.created_at.toISOString(),
  };
}
