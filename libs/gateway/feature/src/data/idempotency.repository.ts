import type { Selectable } from 'kysely';
import type { Executor } from '@gm/shared-db';
import type { GatewayDb, IdempotencyKeysTable } from './tables.js';

export type IdempotencyRecord = Selectable<IdempotencyKeysTable>;

export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/**
 * Claims a key for one execution; true when this caller may run the request. Only one of any
 * number of concurrent claims (on any replica) wins: the primary key decides.
 */
export async function claimIdempotencyKey(
  db: Executor<GatewayDb>,
  claim: { caller: string; key: string; fingerprint: string; expiresAt: Date },
): Promise<boolean> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({
      caller: claim.caller,
      key: claim.key,
      fingerprint: claim.fingerprint,
      expires_at: claim.expiresAt,
    })
    .onConflict((oc) => oc.columns(['caller', 'key']).doNothing())
    .returning('key')
    .execute();
  return inserted.length === 1;
}

export function findIdempotencyKey(
  db: Executor<GatewayDb>,
  caller: string,
  key: string,
): Promise<IdempotencyRecord | undefined> {
  return db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('caller', '=', caller)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function completeIdempotencyKey(
  db: Executor<GatewayDb>,
  caller: string,
  key: string,
  response: StoredResponse,
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({
      response_status: response.status,
      response_body: JSON.stringify(response.body ?? null),
      response_headers: JSON.stringify(response.headers),
    })
    .where('caller', '=', caller)
    .where('key', '=', key)
    .execute();
}

/** Forgets a claim whose request failed, or that expired, so the key can be used again. */
export async function releaseIdempotencyKey(
  db: Executor<GatewayDb>,
  caller: string,
  key: string,
  onlyIfExpiredBefore?: Date,
): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('caller', '=', caller)
    .where('key', '=', key)
    .$if(onlyIfExpiredBefore !== undefined, (qb) =>
      qb.where('expires_at', '<=', onlyIfExpiredBefore!),
    )
    .execute();
}

export async function deleteExpiredIdempotencyKeys(
  db: Executor<GatewayDb>,
  now: Date,
): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('expires_at', '<=', now).execute();
}
