import type { Transaction } from 'kysely';
import type { ReviewRequestStatus } from '@gm/housing-contracts';
import type { Executor } from '@gm/shared-db';
import type { HousingDB, NewReviewRequestRow, ReviewRequestRow } from './tables.js';

export function insertReviewRequest(
  trx: Transaction<HousingDB>,
  row: NewReviewRequestRow,
): Promise<ReviewRequestRow> {
  return trx.insertInto('review_requests').values(row).returningAll().executeTakeFirstOrThrow();
}

export function lockReviewRequest(
  trx: Transaction<HousingDB>,
  id: string,
): Promise<ReviewRequestRow | undefined> {
  return trx
    .selectFrom('review_requests')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** An application's review requests, oldest first. */
export function listReviewRequests(
  db: Executor<HousingDB>,
  applicationId: string,
): Promise<ReviewRequestRow[]> {
  return db
    .selectFrom('review_requests')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function decideReviewRequest(
  trx: Transaction<HousingDB>,
  id: string,
  decision: { status: Exclude<ReviewRequestStatus, 'open'>; note: string; by: string; at: Date },
): Promise<ReviewRequestRow> {
  return trx
    .updateTable('review_requests')
    .set({
      status: decision.status,
      decision_note: decision.note,
      decided_by: decision.by,
      decided_at: decision.at,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
