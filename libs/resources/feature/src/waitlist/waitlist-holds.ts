import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { Outbox } from '@gm/shared-messaging';
import { HoldOffered } from '@gm/resources-contracts';
import {
  claimCalendarBlockIfFree,
  deleteHold,
  findWaitingEntries,
  insertHold,
  setWaitlistStatus,
  type ResourceWithUnitRow,
  type ResourcesDB,
} from '@gm/resources-data-access';
import { blockedSpan, MINUTE_MS } from '@gm/resources-domain';
import { RESOURCES_MODULE_OPTIONS, type ResourcesModuleOptions } from '../seed/demo-seed.runner.js';

export const DEFAULT_HOLD_MINUTES = 15;

/**
 * Hands freed time to the waitlist: the first waiting researcher whose slot is now clear gets an
 * exclusive hold, a calendar block of kind `hold` under the same exclusion constraint as
 * bookings, so nobody else can book it until the hold is booked or expires.
 */
@Injectable()
export class WaitlistHolds {
  constructor(
    private readonly outbox: Outbox,
    @Inject(RESOURCES_MODULE_OPTIONS) private readonly options: ResourcesModuleOptions,
  ) {}

  get holdMinutes(): number {
    return this.options.holdMinutes ?? DEFAULT_HOLD_MINUTES;
  }

  /**
   * Offers holds on time of `resource` freed around `[from, to)` (a blocked span), first come
   * first served, in the caller's transaction; returns how many were offered.
   */
  async offerFreedTime(
    trx: Transaction<ResourcesDB>,
    resource: ResourceWithUnitRow,
    freed: { start: Date; end: Date },
    now: Date,
  ): Promise<number> {
    const policy = {
      bufferBeforeMinutes: resource.buffer_before_minutes,
      bufferAfterMinutes: resource.buffer_after_minutes,
    };
    // A waiting slot whose own buffers reach into the freed span may have become free too.
    const reach = (policy.bufferBeforeMinutes + policy.bufferAfterMinutes) * MINUTE_MS;
    const entries = await findWaitingEntries(
      trx,
      resource.id,
      new Date(freed.start.getTime() - reach),
      new Date(freed.end.getTime() + reach),
    );
    let offered = 0;
    for (const entry of entries) {
      if (entry.starts_at.getTime() <= now.getTime()) {
        await setWaitlistStatus(trx, entry.id, 'expired');
        continue;
      }
      const holdId = uuidv7();
      const expiresAt = new Date(now.getTime() + this.holdMinutes * MINUTE_MS);
      await insertHold(trx, {
        id: holdId,
        entryId: entry.id,
        resourceId: resource.id,
        userId: entry.user_id,
        start: entry.starts_at,
        end: entry.ends_at,
        expiresAt,
      });
      const blocked = blockedSpan(policy, entry.starts_at, entry.ends_at);
      const claimed = await claimCalendarBlockIfFree(trx, {
        id: holdId,
        resourceId: resource.id,
        kind: 'hold',
        holdId,
        start: entry.starts_at,
        end: entry.ends_at,
        blockedStart: blocked.start,
        blockedEnd: blocked.end,
      });
      if (!claimed) {
        // Still taken (by a booking, or by the hold just offered to someone earlier in line).
        await deleteHold(trx, holdId);
        continue;
      }
      await setWaitlistStatus(trx, entry.id, 'offered');
      await this.outbox.add(
        trx,
        HoldOffered,
        {
          holdId,
          waitlistEntryId: entry.id,
          resourceId: resource.id,
          resourceCode: resource.code,
          resourceName: resource.name,
          resourceNameEn: resource.name_en,
          unitId: resource.unit_id,
          userId: entry.user_id,
          start: entry.starts_at.toISOString(),
          end: entry.ends_at.toISOString(),
          expiresAt: expiresAt.toISOString(),
        },
        { subject: holdId },
      );
      offered++;
    }
    return offered;
  }
}
