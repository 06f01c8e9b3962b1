import type { Transaction } from 'kysely';
import type { Executor } from '@gm/shared-db';
import type { ExtensionRequestRow, TriageDB } from './tables.js';

export async function insertExtensionRequest(
  trx: Transaction<TriageDB>,
  row: Omit<ExtensionRequestRow, 'reviewer_id' | 'review_note' | 'reviewed_at' | 'due_at_after'>,
): Promise<void> {
  await trx.insertInto('extension_requests').values(row).execute();
}

/** The lead department's request waiting for the convener, if any (at most one per ticket). */
export function findPendingExtension(
  db: Executor<TriageDB>,
  ticketId: string,
  departmentId: string | null,
): Promise<ExtensionRequestRow | undefined> {
  if (departmentId === null) return Promise.resolve(undefined);
  return db
    .selectFrom('extension_requests')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .where('department_id', '=', departmentId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

/** Requests of departments no longer leading the ticket (it was redispatched) lapse. */
export async function lapseOtherDepartmentsExtensions(
  trx: Transaction<TriageDB>,
  ticketId: string,
  departmentId: string | null,
  at: Date,
): Promise<void> {
  let query = trx
    .updateTable('extension_requests')
    .set({ status: 'lapsed', reviewed_at: at })
    .where('ticket_id', '=', ticketId)
    .where('status', '=', 'pending');
  if (departmentId !== null) query = query.where('department_id', '<>', departmentId);
  await query.execute();
}

export async function closeExtensionRequest(
  trx: Transaction<TriageDB>,
  id: string,
  review: {
    status: 'approved' | 'refused';
    reviewer_id: string;
    review_note: string | null;
    reviewed_at: Date;
    due_at_after: Date | null;
  },
): Promise<void> {
  await trx
    .updateTable('extension_requests')
    .set(review)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
}
