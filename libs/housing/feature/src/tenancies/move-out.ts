import type { Transaction } from 'kysely';
import type { Outbox } from '@gm/shared-messaging';
import { UnitVacated } from '@gm/housing-contracts';
import {
  addApplicationHistory,
  endTenancy,
  findTenancyOf,
  findUnitPlaces,
  setUnitStatus,
  type ApplicationRow,
  type HousingDB,
} from '@gm/housing-data-access';
import { unitCodeOf } from '../rounds/offer.mapper.js';

/**
 * A tenant who takes another unit leaves the one it rents: that tenancy ends and the unit returns
 * to stock (a public `unit.vacated`), unless the same run has already offered it to someone else
 * (`reoffered`: a YRMH-IGYT move frees the home within the run). Nothing happens if the
 * application names no current unit or the tenancy ended meanwhile.
 */
export async function moveOut(
  trx: Transaction<HousingDB>,
  outbox: Outbox,
  application: ApplicationRow,
  options: { newUnitId: string; reoffered: boolean; actorId: string; now: Date },
): Promise<void> {
  const home = application.current_unit_id;
  if (home === null || home === options.newUnitId) return;
  if (!(await findTenancyOf(trx, application.applicant_id, home))) return;
  await endTenancy(trx, home, options.now);
  const [place] = await findUnitPlaces(trx, [home]);
  await addApplicationHistory(trx, {
    application_id: application.id,
    action: 'moved-out',
    from_status: application.status,
    to_status: application.status,
    actor_id: options.actorId,
    note: `${unitCodeOf(place)}${options.reoffered ? ', offered on in the same round' : ' back to stock'}`,
  });
  if (options.reoffered) return;
  await setUnitStatus(trx, [home], 'available');
  await outbox.add(
    trx,
    UnitVacated,
    { unitId: home, projectId: place.projectId, at: options.now.toISOString() },
    { subject: home },
  );
}
