import { Injectable } from '@nestjs/common';
import {
  countBuildingsByProject,
  countUnitsByProjectAndStatus,
  listProjects,
  toHousingProject,
} from '@gm/housing-data-access';
import type { HousingProject } from '@gm/housing-contracts';
import { InjectHousingDatabase, type HousingDatabase } from '../database.js';

/** The housing projects in code order, each with its buildings and units counted by status. */
@Injectable()
export class ListHousingProjectsUseCase {
  constructor(@InjectHousingDatabase() private readonly database: HousingDatabase) {}

  async execute(): Promise<{ items: HousingProject[] }> {
    const db = this.database.db;
    const [projects, buildings, unitCounts] = await Promise.all([
      listProjects(db),
      countBuildingsByProject(db),
      countUnitsByProjectAndStatus(db),
    ]);
    return {
      items: projects.map((project) =>
        toHousingProject(
          project,
          buildings.get(project.id) ?? 0,
          unitCounts.filter((c) => c.projectId === project.id),
        ),
      ),
    };
  }
}
