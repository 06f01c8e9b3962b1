import { Injectable } from '@nestjs/common';
import { hasRole, type Identity } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { inTransaction } from '@gm/shared-db';
import { Outbox } from '@gm/shared-messaging';
import { UnitVacated, type HousingUnit } from '@gm/housing-contracts';
import {
  addApplicationHistory,
  endTenancy,
  lockAllocation,
  lockUnit,
  setUnitStatus,
} from '@gm/housing-data-access';
import { InjectHousingDatabase, type HousingDatabase } from '../database.js';

/**
 * The tenant of a let unit moved out (housing officer): the unit returns to available stock for
 * the next round, the tenancy's accepted offer is marked ended and the tenant's application
 * records it. Public event: the unit and its project only.
 */
@Injectable()
export class VacateUnitUseCase {
  constructor(
    @InjectHousingDatabase() private readonly database: HousingDatabase,
    private readonly outbox: Outbox,
  ) {}

  async execute(identity: Identity, id: string, now: Date = new Date()): Promise<HousingUnit> {
    if (!hasRole(identity, 'housing-officer')) {
      throw AppError.forbidden('only housing officers record a vacated unit');
    }
    return inTransaction(this.database.db, async (trx) => {
      // Rounds read the available stock under this lock: a vacancy never lands mid-round.
      await lockAllocation(trx);
      const unit = await lockUnit(trx, id);
      if (!unit) throw AppError.notFound('housing unit', id);
      if (unit.status !== 'allocated') {
        throw AppError.conflict(
          `only a let (allocated) unit can be vacated; this one is ${unit.status}`,
          'unit-state',
        );
      }
      await setUnitStatus(trx, [id], 'available');
      const tenancy = await endTenancy(trx, id, now);
      if (tenancy) {
        await addApplicationHistory(trx, {
          application_id: tenancy.application_id,
          action: 'unit-vacated',
          from_status: 'housed',
          to_status: 'housed',
          actor_id: identity.id,
        });
      }
      await this.outbox.add(
        trx,
        UnitVacated,
        { unitId: id, projectId: unit.project_id, at: now.toISOString() },
        { subject: id },
      );
      return {
        id: unit.id,
        projectId: unit.project_id,
        building: unit.building,
        number: unit.number,
        bedrooms: unit.bedrooms,
        areaSqm: unit.area_sqm,
        monthlyRent: unit.monthly_rent,
        status: 'available',
      };
    });
  }
}
