import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { Identity } from '@gm/shared-contracts';
import { AppError, type FieldError } from '@gm/shared-errors';
import { inTransaction, isUniqueViolation } from '@gm/shared-db';
import { Outbox } from '@gm/shared-messaging';
import { HousingUnitsAdded, type AddedUnits, type AddUnitsInput } from '@gm/housing-contracts';
import {
  ensureBuildings,
  findManagedUnits,
  insertStockChanges,
  insertUnits,
  lockProject,
  unitsInBuildings,
} from '@gm/housing-data-access';
import { planUnits, type PlannedUnit } from '@gm/housing-domain';
import { InjectHousingDatabase, type HousingDatabase } from '../database.js';
import { requireHousingOfficer, toManagedUnit } from './stock.mapper.js';

/**
 * A housing officer adds units to a project: a list, or a building's floors × layout. All or
 * nothing: a bad row is a 400 naming it; a building and number the project has already (retired
 * ones included, their history stays theirs) is a 409 naming it. New units are available; their
 * class follows from project, bedrooms and area. Missing buildings are created.
 */
@Injectable()
export class AddUnitsUseCase {
  constructor(
    @InjectHousingDatabase() private readonly database: HousingDatabase,
    private readonly outbox: Outbox,
  ) {}

  async execute(
    identity: Identity,
    input: AddUnitsInput,
    now: Date = new Date(),
  ): Promise<AddedUnits> {
    requireHousingOfficer(identity, 'add housing units');
    const planned = planUnits(input);
    const { projectId } = input;
    return inTransaction(this.database.db, async (trx) => {
      // The project's lock orders concurrent additions: the check below sees the earlier ones.
      const project = await lockProject(trx, projectId);
      if (!project) throw AppError.notFound('housing project', projectId);
      if (project.retired_at) {
        throw AppError.conflict(
          `housing project ${project.code} is retired: it takes no new units`,
          'project-retired',
        );
      }
      const codes = [...new Set(planned.map((u) => u.building))];
      const existing = new Map(
        (await unitsInBuildings(trx, projectId, codes)).map((u) => [key(u), u.retired_at !== null]),
      );
      const clashes: FieldError[] = planned
        .filter((u) => existing.has(key(u)))
        .map((u) => ({
          path: u.path,
          code: 'unit.exists',
          message: `building ${u.building}, number ${u.number} exists already${existing.get(key(u)) ? ' (retired)' : ''}`,
        }));
      if (clashes.length > 0) {
        throw AppError.conflict(
          `${clashes.length} of the units exist already: nothing was added`,
          'unit-exists',
          clashes,
        );
      }

      const buildingName = input.building?.name;
      const buildingIds = await ensureBuildings(
        trx,
        projectId,
        codes.map((code) => ({ id: uuidv7(), code, name: buildingName ?? `${code}栋` })),
      );
      const rows = planned.map((u) => ({
        id: uuidv7(),
        building_id: buildingIds.get(u.building)!,
        number: u.number,
        floor: u.floor,
        bedrooms: u.bedrooms,
        area_sqm: u.areaSqm,
        monthly_rent: u.monthlyRent,
        status: 'available' as const,
        created_at: now,
        updated_at: now,
      }));
      try {
        await insertUnits(trx, rows);
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw AppError.conflict(
            'some of the units exist already: nothing was added',
            'unit-exists',
          );
        }
        throw error;
      }
      await insertStockChanges(
        trx,
        rows.map((row, i) => ({
          project_id: projectId,
          unit_id: row.id,
          action: 'added',
          changes: JSON.stringify(addedFields(planned[i])),
          reason: null,
          note: null,
          actor_id: identity.id,
          at: now,
        })),
      );
      const items = (
        await findManagedUnits(
          trx,
          rows.map((r) => r.id),
        )
      ).map(toManagedUnit);
      await this.outbox.add(
        trx,
        HousingUnitsAdded,
        { projectId, units: items, at: now.toISOString() },
        { subject: projectId },
      );
      return { projectId, items };
    });
  }
}

const key = (u: { building: string; number: string }) => `${u.building}\u0000${u.number}`;

function addedFields({ building, number, floor, bedrooms, areaSqm, monthlyRent }: PlannedUnit) {
  return { building, number, floor, bedrooms, areaSqm, monthlyRent };
}
