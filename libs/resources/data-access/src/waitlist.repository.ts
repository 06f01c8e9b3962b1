import { sql, type Transaction } from 'kysely';
import type { Executor } from '@gm/shared-db';
import type {
  HoldRow,
  HoldStatus,
  ResourcesDB,
  WaitlistEntryRow,
  WaitlistStatus,
} from './tables.js';

/** A waitlist entry with its current or last hold, and what replies need of the resource. */
export interface WaitlistEntryView extends WaitlistEntryRow {
  resource_code: string;
  unit_id: string;
  hold_id: string | null;
  hold_expires_at: Date | null;
  hold_status: HoldStatus | null;
}

const selectEntryView = (db: Executor<ResourcesDB>) =>
  db
    .selectFrom('waitlist_entries')
    .innerJoin('resources', 'resources.id', 'waitlist_entries.resource_id')
    .leftJoin('holds', 'holds.waitlist_entry_id', 'waitlist_entries.id')
    .selectAll('waitlist_entries')
    .select([
      'resources.code as resource_code',
      'resources.unit_id as unit_id',
      'holds.id as hold_id',
      'holds.expires_at as hold_expires_at',
      'holds.status as hold_status',
    ]);

export async function insertWaitlistEntry(
  trx: Transaction<ResourcesDB>,
  row: {
    id: string;
    resourceId: string;
    userId: string;
    userUnitId: string | null;
    start: Date;
    end: Date;
  },
): Promise<void> {
  await trx
    .insertInto('waitlist_entries')
    .values({
      id: row.id,
      resource_id: row.resourceId,
      user_id: row.userId,
      user_unit_id: row.userUnitId,
      starts_at: row.start,
      ends_at: row.end,
      status: 'waiting',
    })
    .execute();
}

export function findWaitlistEntry(
  db: Executor<ResourcesDB>,
  id: string,
): Promise<WaitlistEntryView | undefined> {
  return selectEntryView(db).where('waitlist_entries.id', '=', id).executeTakeFirst();
}

/** A user's entries, newest first, optionally of one resource. */
export function listWaitlistEntriesOf(
  db: Executor<ResourcesDB>,
  userId: string,
  resourceId?: string,
): Promise<WaitlistEntryView[]> {
  return selectEntryView(db)
    .where('waitlist_entries.user_id', '=', userId)
    .$if(resourceId !== undefined, (q) => q.where('waitlist_entries.resource_id', '=', resourceId!))
    .orderBy('waitlist_entries.created_at', 'desc')
    .orderBy('waitlist_entries.id')
    .limit(100)
    .execute();
}

/**
 * The resource's waiting entries overlapping `[from, to)`, first come first served, locked; rows
 * another transaction is offering are skipped.
 */
export function findWaitingEntries(
  trx: Transaction<ResourcesDB>,
  resourceId: string,
  from: Date,
  to: Date,
): Promise<WaitlistEntryRow[]> {
  return trx
    .selectFrom('waitlist_entries')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .where('status', '=', 'waiting')
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .orderBy('created_at')
    .orderBy('id')
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function setWaitlistStatus(
  trx: Transaction<ResourcesDB>,
  id: string,
  status: WaitlistStatus,
): Promise<void> {
  await trx
    .updateTable('waitlist_entries')
    .set({ status, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

export async function insertHold(
  trx: Transaction<ResourcesDB>,
  row: {
    id: string;
    entryId: string;
    resourceId: string;
    userId: string;
    start: Date;
    end: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await trx
    .insertInto('holds')
    .values({
      id: row.id,
      waitlist_entry_id: row.entryId,
      resource_id: row.resourceId,
      user_id: row.userId,
      starts_at: row.start,
      ends_at: row.end,
      expires_at: row.expiresAt,
      status: 'active',
    })
    .execute();
}

/** The user's active holds on the resource overlapping `[from, to)`, locked. */
export function findActiveHoldsForUpdate(
  trx: Transaction<ResourcesDB>,
  resourceId: string,
  userId: string,
  from: Date,
  to: Date,
): Promise<HoldRow[]> {
  return trx
    .selectFrom('holds')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .where('user_id', '=', userId)
    .where('status', '=', 'active')
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .forUpdate()
    .execute();
}

/** Active holds whose time ran out by `now`, locked; rows another sweeper holds are skipped. */
export function findExpiredHolds(
  trx: Transaction<ResourcesDB>,
  now: Date,
  limit: number,
): Promise<HoldRow[]> {
  return trx
    .selectFrom('holds')
    .selectAll()
    .where('status', '=', 'active')
    .where('expires_at', '<=', now)
    .orderBy('expires_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function setHoldStatus(
  trx: Transaction<ResourcesDB>,
  id: string,
  status: HoldStatus,
  bookingId: string | null = null,
): Promise<void> {
  await trx
    .updateTable('holds')
    .set({ status, booking_id: bookingId })
    .where('id', '=', id)
    .execute();
}

/** Drops a hold that never claimed its time (the slot was taken again meanwhile). */
export async function deleteHold(trx: Transaction<ResourcesDB>, id: string): Promise<void> {
  await trx.deleteFrom('holds').where('id', '=', id).execute();
}
