import { Injectable } from '@nestjs/common';
import { listUnits, toUnit } from '@gm/resources-data-access';
import type { Unit } from '@gm/resources-contracts';
import { InjectResourcesDatabase, type ResourcesDatabase } from '../database.js';

/** The member units, in code order. */
@Injectable()
export class ListUnitsUseCase {
  constructor(@InjectResourcesDatabase() private readonly database: ResourcesDatabase) {}

  async execute(): Promise<{ items: Unit[] }> {
    const rows = await listUnits(this.database.db);
    return { items: rows.map(toUnit) };
  }
}
