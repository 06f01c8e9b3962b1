import { Injectable } from '@nestjs/common';
import { countProjects, countUnitsByProjectAndStatus, toUnitCounts } from '@gm/housing-data-access';
import type { HousingOverview } from '@gm/housing-contracts';
import { InjectHousingDatabase, type HousingDatabase } from '../database.js';

/** The housing service's figures for the portal: projects, and units by status. */
@Injectable()
export class GetHousingOverviewUseCase {
  constructor(@InjectHousingDatabase() private readonly database: HousingDatabase) {}

  async execute(): Promise<HousingOverview> {
    const db = this.database.db;
    const [projects, unitCounts] = await Promise.all([
      countProjects(db),
      countUnitsByProjectAndStatus(db),
    ]);
    return { projects, units: toUnitCounts(unitCounts) };
  }
}
