import { sql, type Transaction } from 'kysely';
import type { ResourcesDB } from './tables.js';

/**
 * Serialises, until the transaction ends, every transaction taking the same `key` (a
 * transaction-scoped advisory lock on a 64-bit hash of it). Taken before a read-then-write
 * check, so concurrent requests check one after the other.
 */
export async function lockForTransaction(
  trx: Transaction<ResourcesDB>,
  key: string,
): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
}

/** Who a fair-share sum counts: a unit's requesters, or one requester without a unit. */
export type Requesters = { unitId: string } | { requesterId: string };

/**
 * Hours the requesters hold on the resource inside `[from, to)` in bookings that are pending,
 * approved or completed (parts of bookings running over the edges count only inside).
 */
export async function sumBookedHours(
  trx: Transaction<ResourcesDB>,
  resourceId: string,
  requesters: Requesters,
  from: Date,
  to: Date,
): Promise<number> {
  const row = await trx
    .selectFrom('bookings')
    .select(
      sql<string>`coalesce(sum(extract(epoch from least(ends_at, ${to.toISOString()}::timestamptz) - greatest(starts_at, ${from.toISOString()}::timestamptz))), 0)`.as(
        'seconds',
      ),
    )
    .where('resource_id', '=', resourceId)
    .$call((q) =>
      'unitId' in requesters
        ? q.where('requester_unit_id', '=', requesters.unitId)
        : q.where('requester_id', '=', requesters.requesterId),
    )
    .where('status', 'in', ['pending', 'approved', 'completed'])
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .executeTakeFirstOrThrow();
  return Number(row.seconds) / 3600;
}
