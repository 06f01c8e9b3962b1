import { sql, type Transaction } from 'kysely';
import type { HousingUnitStatus } from '@gm/housing-contracts';
import type { Executor } from '@gm/shared-db';
import type { HousingDB, OfferRow } from './tables.js';

/**
 * Tenancies: an accepted offer is the tenancy of its unit until `ended_at` (the unit was vacated
 * or the tenant moved to another unit).
 */

/** The current tenancies of some units (accepted offers not ended), at most one per unit. */
export function findCurrentTenancies(
  db: Executor<HousingDB>,
  unitIds: readonly string[],
): Promise<OfferRow[]> {
  if (unitIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('offers')
    .selectAll()
    .where('unit_id', 'in', unitIds)
    .where('status', '=', 'accepted')
    .where('ended_at', 'is', null)
    .execute();
}

/** The applicant's current tenancy of the unit, if it has one. */
export function findTenancyOf(
  db: Executor<HousingDB>,
  applicantId: string,
  unitId: string,
): Promise<OfferRow | undefined> {
  return db
    .selectFrom('offers')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('applicant_id', '=', applicantId)
    .where('status', '=', 'accepted')
    .where('ended_at', 'is', null)
    .executeTakeFirst();
}

/** The open offer of a unit, if any. */
export function findOpenOfferOfUnit(
  db: Executor<HousingDB>,
  unitId: string,
): Promise<OfferRow | undefined> {
  return db
    .selectFrom('offers')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('status', '=', 'open')
    .executeTakeFirst();
}

/**
 * Units whose offer ended without a letting go back to what they are: let while a tenant still
 * lives there (a home whose tenant did not move), else available.
 */
export async function releaseUnits(
  trx: Transaction<HousingDB>,
  unitIds: readonly string[],
): Promise<void> {
  if (unitIds.length === 0) return;
  await trx
    .updateTable('units')
    .set((eb) => ({
      status: eb
        .case()
        .when(
          eb.exists(
            eb
              .selectFrom('offers')
              .select('offers.id')
              .whereRef('offers.unit_id', '=', 'units.id')
              .where('offers.status', '=', 'accepted')
              .where('offers.ended_at', 'is', null),
          ),
        )
        .then(sql<HousingUnitStatus>`'allocated'`)
        .else(sql<HousingUnitStatus>`'available'`)
        .end(),
      updated_at: sql<Date>`now()`,
    }))
    .where('id', 'in', unitIds)
    .execute();
}
