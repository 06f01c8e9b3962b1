import { sql, type Transaction } from 'kysely';
import type { Executor } from '@gm/shared-db';
import type { BookingStatus } from '@gm/resources-contracts';
import type { PageWindow } from './resource.repository.js';
import type {
  BookingHistoryRow,
  BookingHistoryTable,
  BookingRow,
  NewBookingRow,
  ResourcesDB,
} from './tables.js';

/** A booking with what its events and replies need of its resource. */
export interface BookingView extends BookingRow {
  resource_code: string;
  resource_name: string;
  resource_name_en: string;
  unit_id: string;
}

const selectBookingView = (db: Executor<ResourcesDB>) =>
  db
    .selectFrom('bookings')
    .innerJoin('resources', 'resources.id', 'bookings.resource_id')
    .selectAll('bookings')
    .select([
      'resources.code as resource_code',
      'resources.name as resource_name',
      'resources.name_en as resource_name_en',
      'resources.unit_id as unit_id',
    ]);

export function insertBooking(
  trx: Transaction<ResourcesDB>,
  row: NewBookingRow,
): Promise<BookingRow> {
  return trx.insertInto('bookings').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findBooking(
  db: Executor<ResourcesDB>,
  id: string,
): Promise<BookingView | undefined> {
  return selectBookingView(db).where('bookings.id', '=', id).executeTakeFirst();
}

/** The booking, locked until the transaction ends, so concurrent decisions queue up. */
export function findBookingForUpdate(
  trx: Transaction<ResourcesDB>,
  id: string,
): Promise<BookingView | undefined> {
  return selectBookingView(trx)
    .where('bookings.id', '=', id)
    .forUpdate('bookings')
    .executeTakeFirst();
}

export async function setBookingStatus(
  trx: Transaction<ResourcesDB>,
  id: string,
  status: BookingStatus,
  reason: string | null,
): Promise<void> {
  await trx
    .updateTable('bookings')
    .set({ status, reason, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

export async function addBookingHistory(
  trx: Transaction<ResourcesDB>,
  entry: Omit<BookingHistoryTable, 'id' | 'at'> & { at?: Date },
): Promise<void> {
  await trx.insertInto('booking_history').values(entry).execute();
}

export function listBookingHistory(
  db: Executor<ResourcesDB>,
  bookingId: string,
): Promise<BookingHistoryRow[]> {
  return db
    .selectFrom('booking_history')
    .selectAll()
    .where('booking_id', '=', bookingId)
    .orderBy('id')
    .execute();
}

/** Whose bookings a caller may list: its own, its unit's resources', or (admin) all. */
export interface BookingScope {
  all?: boolean;
  requesterId?: string;
  ownerUnitId?: string;
}

export interface BookingFilter {
  resourceId?: string;
  status?: BookingStatus;
}

export async function findBookingPage(
  db: Executor<ResourcesDB>,
  scope: BookingScope,
  filter: BookingFilter,
  window: PageWindow,
): Promise<{ rows: BookingView[]; total: number }> {
  const query = selectBookingView(db).where((eb) => {
    const visible = [];
    if (scope.requesterId) visible.push(eb('bookings.requester_id', '=', scope.requesterId));
    if (scope.ownerUnitId) visible.push(eb('resources.unit_id', '=', scope.ownerUnitId));
    const conditions = scope.all ? [] : [eb.or(visible)];
    if (filter.resourceId) conditions.push(eb('bookings.resource_id', '=', filter.resourceId));
    if (filter.status) conditions.push(eb('bookings.status', '=', filter.status));
    return eb.and(conditions);
  });
  const [rows, { total }] = await Promise.all([
    query
      .orderBy('bookings.starts_at', 'desc')
      .orderBy('bookings.id')
      .limit(window.limit)
      .offset(window.offset)
      .execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total };
}

/** Approved bookings that ended by `now`, locked; rows another sweeper holds are skipped. */
export function findEndedApprovedBookings(
  trx: Transaction<ResourcesDB>,
  now: Date,
  limit: number,
): Promise<BookingView[]> {
  return selectBookingView(trx)
    .where('bookings.status', '=', 'approved')
    .where('bookings.ends_at', '<=', now)
    .orderBy('bookings.ends_at')
    .limit(limit)
    .forUpdate('bookings')
    .skipLocked()
    .execute();
}
