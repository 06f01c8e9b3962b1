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

/** An outbox row as the messaging library builds it (`Outbox.row`): JSON as text. */
export interface OutboxRowText {
  id: string;
  type: string;
  subject: string;
  payload: string;
  headers: string;
}

/** What a booking request writes once its time is claimed. */
export interface BookingClaim {
  booking: Pick<
    BookingRow,
    | 'id'
    | 'resource_id'
    | 'requester_id'
    | 'requester_unit_id'
    | 'starts_at'
    | 'ends_at'
    | 'purpose'
    | 'status'
  >;
  /** The resource's `updated_at` as read when the request was admitted under its policy. */
  resourceVersion: Date;
  /** The span kept free for it (buffers included). */
  blockedStart: Date;
  blockedEnd: Date;
  /** The history entry of the request. */
  actorId: string;
  note: string | null;
  /** Its events, written in the same statement (ADR 0004). */
  events: readonly OutboxRowText[];
}

/**
 * One statement (ADR 0019): claims the time in the calendar, and only if that succeeded writes
 * the booking, its history entry and its outbox rows, returning the booking as read back.
 * Undefined when nothing was written: an overlapping claim holds the time (the exclusion
 * constraint refused it), or the resource changed since `resourceVersion` (see
 * `findClaimObstacles`). The claim is `ON CONFLICT DO NOTHING`, so concurrent claimers of one
 * time wait for each other's outcome before they insert instead of deadlocking afterwards.
 */
export async function insertBookingClaimingCalendar(
  db: Executor<ResourcesDB>,
  claim: BookingClaim,
): Promise<BookingView | undefined> {
  const { booking: b, events } = claim;
  if (events.length === 0) throw new Error(`booking ${b.id}: a booking request has events`);
  const at = (date: Date) => date.toISOString();
  const outboxRows = sql.join(
    events.map((e) => sql`(${e.id}, ${e.type}, ${e.subject}, ${e.payload}, ${e.headers})`),
  );
  const { rows } = await sql<BookingView>`
    with claim as (
      insert into calendar_blocks (id, resource_id, kind, booking_id, starts_at, ends_at, blocked)
      select ${b.id}::uuid, ${b.resource_id}::uuid, 'booking', ${b.id}::uuid,
        ${at(b.starts_at)}::timestamptz, ${at(b.ends_at)}::timestamptz,
        tstzrange(${at(claim.blockedStart)}::timestamptz, ${at(claim.blockedEnd)}::timestamptz)
      where exists (
        select 1 from resources where id = ${b.resource_id}::uuid
          and ${sameInstant('updated_at', claim.resourceVersion)})
      on conflict do nothing
      returning id
    ), booking as (
      insert into bookings (id, resource_id, requester_id, requester_unit_id, starts_at, ends_at,
        purpose, status)
      select ${b.id}::uuid, ${b.resource_id}::uuid, ${b.requester_id}, ${b.requester_unit_id ?? null}::uuid,
        ${at(b.starts_at)}::timestamptz, ${at(b.ends_at)}::timestamptz, ${b.purpose}, ${b.status}
      from claim
      returning *
    ), history as (
      insert into booking_history (booking_id, action, actor_id, from_status, to_status, note)
      select id, 'requested', ${claim.actorId}, null, status, ${claim.note} from booking
    ), events as (
      insert into outbox (id, type, subject, payload, headers)
      select e.id::uuid, e.type, e.subject, e.payload::jsonb, e.headers::jsonb
      from booking, (values ${outboxRows}) as e (id, type, subject, payload, headers)
    )
    select booking.*, resources.code as resource_code, resources.name as resource_name,
      resources.name_en as resource_name_en, resources.unit_id
    from booking join resources on resources.id = booking.resource_id`.execute(db);
  return rows[0];
}

/** `column` is `instant` as JavaScript read it (milliseconds; PostgreSQL keeps microseconds). */
const sameInstant = (column: string, instant: Date) =>
  sql`${sql.ref(column)} > ${new Date(instant.getTime() - 1).toISOString()}::timestamptz
    and ${sql.ref(column)} < ${new Date(instant.getTime() + 1).toISOString()}::timestamptz`;

/** Why a booking claim wrote nothing: the resource's current version, and the requester's own hold. */
export async function findClaimObstacles(
  db: Executor<ResourcesDB>,
  claim: { resourceId: string; requesterId: string; from: Date; to: Date; now: Date },
): Promise<{ resourceVersion: Date | undefined; ownLiveHold: boolean }> {
  const { rows } = await sql<{ updated_at: Date; own_live_hold: boolean }>`
    select r.updated_at, exists (
      select 1 from holds h
      where h.resource_id = r.id and h.user_id = ${claim.requesterId} and h.status = 'active'
        and h.starts_at < ${claim.to.toISOString()}::timestamptz
        and h.ends_at > ${claim.from.toISOString()}::timestamptz
        and h.expires_at > ${claim.now.toISOString()}::timestamptz) as own_live_hold
    from resources r where r.id = ${claim.resourceId}::uuid`.execute(db);
  return { resourceVersion: rows[0]?.updated_at, ownLiveHold: rows[0]?.own_live_hold ?? false };
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
