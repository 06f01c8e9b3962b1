import { sql, type Transaction } from 'kysely';
import type { Executor } from '@gm/shared-db';
import type { CalendarBlocksTable, MaintenanceWindowRow, ResourcesDB } from './tables.js';

export interface NewCalendarBlock {
  id: string;
  resourceId: string;
  kind: CalendarBlocksTable['kind'];
  bookingId?: string;
  maintenanceId?: string;
  holdId?: string;
  start: Date;
  end: Date;
  /** The span kept free for this claim (buffers included). */
  blockedStart: Date;
  blockedEnd: Date;
}

/**
 * Claims the time. Another claim whose blocked span overlaps makes the exclusion constraint
 * `calendar_blocks_no_overlap` refuse it (SQLSTATE 23P01), however many requests race.
 */
export async function insertCalendarBlock(
  trx: Transaction<ResourcesDB>,
  block: NewCalendarBlock,
): Promise<void> {
  await trx.insertInto('calendar_blocks').values(blockValues(block)).execute();
}

/**
 * Claims the time if nothing overlaps it: true when claimed. A conflict with the exclusion
 * constraint is skipped (ON CONFLICT DO NOTHING), so the calling transaction stays usable.
 */
export async function claimCalendarBlockIfFree(
  trx: Transaction<ResourcesDB>,
  block: NewCalendarBlock,
): Promise<boolean> {
  const claimed = await trx
    .insertInto('calendar_blocks')
    .values(blockValues(block))
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return claimed !== undefined;
}

const blockValues = (block: NewCalendarBlock) => ({
  id: block.id,
  resource_id: block.resourceId,
  kind: block.kind,
  booking_id: block.bookingId ?? null,
  maintenance_id: block.maintenanceId ?? null,
  hold_id: block.holdId ?? null,
  starts_at: block.start,
  ends_at: block.end,
  blocked: sql<string>`tstzrange(${block.blockedStart.toISOString()}::timestamptz, ${block.blockedEnd.toISOString()}::timestamptz)`,
});

/** Frees a hold's time (it expired, or its holder's booking takes the time over). */
export async function releaseHoldBlock(
  trx: Transaction<ResourcesDB>,
  holdId: string,
): Promise<void> {
  await trx.deleteFrom('calendar_blocks').where('hold_id', '=', holdId).execute();
}

/** Frees a booking's time (it was rejected or cancelled). */
export async function releaseBookingBlock(
  trx: Transaction<ResourcesDB>,
  bookingId: string,
): Promise<void> {
  await trx.deleteFrom('calendar_blocks').where('booking_id', '=', bookingId).execute();
}

export interface BusyRow {
  id: string;
  resource_id: string;
  kind: CalendarBlocksTable['kind'];
  starts_at: Date;
  ends_at: Date;
  blocked_start: Date;
  blocked_end: Date;
}

/** The claims on these resources whose blocked span touches `[from, to)`, in time order. */
export function listBusy(
  db: Executor<ResourcesDB>,
  resourceIds: readonly string[],
  from: Date,
  to: Date,
): Promise<BusyRow[]> {
  if (resourceIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('calendar_blocks')
    .select([
      'id',
      'resource_id',
      'kind',
      'starts_at',
      'ends_at',
      sql<Date>`lower(blocked)`.as('blocked_start'),
      sql<Date>`upper(blocked)`.as('blocked_end'),
    ])
    .where('resource_id', 'in', resourceIds)
    .where(
      sql<boolean>`blocked && tstzrange(${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz)`,
    )
    .orderBy('starts_at')
    .execute();
}

export function insertMaintenanceWindow(
  trx: Transaction<ResourcesDB>,
  row: {
    id: string;
    resourceId: string;
    start: Date;
    end: Date;
    reason: string;
    createdBy: string;
  },
): Promise<MaintenanceWindowRow> {
  return trx
    .insertInto('maintenance_windows')
    .values({
      id: row.id,
      resource_id: row.resourceId,
      starts_at: row.start,
      ends_at: row.end,
      reason: row.reason,
      created_by: row.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
