import { sql, type Transaction } from 'kysely';
import type { Executor } from '@gm/shared-db';
import type { QualificationRow, ResourcesDB } from './tables.js';

export interface QualificationGrant {
  id: string;
  unitId: string;
  name: string;
  userId: string;
  expiresAt: Date;
  grantedBy: string;
}

/** Grants, or renews (a new expiry, un-revoked), a unit's qualification for a user. */
export function upsertQualification(
  trx: Transaction<ResourcesDB>,
  grant: QualificationGrant,
): Promise<QualificationRow> {
  return trx
    .insertInto('qualifications')
    .values({
      id: grant.id,
      unit_id: grant.unitId,
      name: grant.name,
      user_id: grant.userId,
      expires_at: grant.expiresAt,
      granted_by: grant.grantedBy,
    })
    .onConflict((oc) =>
      oc.columns(['unit_id', 'name', 'user_id']).doUpdateSet({
        expires_at: grant.expiresAt,
        granted_by: grant.grantedBy,
        revoked_at: null,
        updated_at: sql<Date>`now()`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The unit's grants of one qualification that are neither revoked nor expired at `now`. */
export function listValidQualifications(
  db: Executor<ResourcesDB>,
  unitId: string,
  name: string,
  now: Date,
): Promise<QualificationRow[]> {
  return db
    .selectFrom('qualifications')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('name', '=', name)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('user_id')
    .execute();
}

/** Revokes a live grant; undefined when there was none to revoke. */
export function revokeQualification(
  trx: Transaction<ResourcesDB>,
  unitId: string,
  name: string,
  userId: string,
): Promise<QualificationRow | undefined> {
  return trx
    .updateTable('qualifications')
    .set({ revoked_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
    .where('unit_id', '=', unitId)
    .where('name', '=', name)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Until when the user holds the unit's qualification; null when not granted or revoked. */
export async function findQualifiedUntil(
  db: Executor<ResourcesDB>,
  unitId: string,
  name: string,
  userId: string,
): Promise<Date | null> {
  const row = await db
    .selectFrom('qualifications')
    .select('expires_at')
    .where('unit_id', '=', unitId)
    .where('name', '=', name)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row?.expires_at ?? null;
}
