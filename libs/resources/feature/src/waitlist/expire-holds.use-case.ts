import { Injectable } from '@nestjs/common';
import { inTransaction } from '@gm/shared-db';
import {
  findExpiredHolds,
  findResource,
  releaseHoldBlock,
  setHoldStatus,
  setWaitlistStatus,
} from '@gm/resources-data-access';
import { blockedSpan } from '@gm/resources-domain';
import { InjectResourcesDatabase, type ResourcesDatabase } from '../database.js';
import { WaitlistHolds } from './waitlist-holds.js';

const BATCH = 50;

/**
 * Ends holds whose time ran out and offers the time to the next waiting researcher, in the same
 * transaction. Holds are locked with SKIP LOCKED, so replicas share the work; the state lives in
 * the database, so a restart loses nothing.
 */
@Injectable()
export class ExpireHoldsUseCase {
  constructor(
    @InjectResourcesDatabase() private readonly database: ResourcesDatabase,
    private readonly waitlist: WaitlistHolds,
  ) {}

  /** Returns how many holds expired. */
  async execute(now: Date = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const done = await inTransaction(this.database.db, async (trx) => {
        const expired = await findExpiredHolds(trx, now, BATCH);
        for (const hold of expired) {
          await releaseHoldBlock(trx, hold.id);
          await setHoldStatus(trx, hold.id, 'expired');
          await setWaitlistStatus(trx, hold.waitlist_entry_id, 'expired');
          const resource = await findResource(trx, { by: 'id', id: hold.resource_id });
          if (!resource) continue;
          const freed = blockedSpan(
            {
              bufferBeforeMinutes: resource.buffer_before_minutes,
              bufferAfterMinutes: resource.buffer_after_minutes,
            },
            hold.starts_at,
            hold.ends_at,
          );
          await this.waitlist.offerFreedTime(trx, resource, freed, now);
        }
        return expired.length;
      });
      total += done;
      if (done < BATCH) return total;
    }
  }
}
