import { Injectable } from '@nestjs/common';
import type { Page } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { findProject, listProjectUnits } from '@gm/housing-data-access';
import type { HousingUnit, ListProjectUnitsQuery } from '@gm/housing-contracts';
import { InjectHousingDatabase, type HousingDatabase } from '../database.js';

/** A project's units (retired ones aside), paged, in building and number order: public, no tenant is named. */
@Injectable()
export class ListProjectUnitsUseCase {
  constructor(@InjectHousingDatabase() private readonly database: HousingDatabase) {}

  async execute(query: ListProjectUnitsQuery): Promise<Page<HousingUnit>> {
    const db = this.database.db;
    const project = await findProject(db, query.projectId);
    if (!project) throw AppError.notFound('housing project', query.projectId);
    // Retired projects leave the catalogue; their units stay on record for the housing office.
    if (project.retired_at) {
      throw new AppError('not-found', `housing project ${query.projectId} is retired`);
    }
    const { rows, total } = await listProjectUnits(db, {
      projectId: query.projectId,
      status: query.status,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return {
      items: rows.map((r) => ({
        id: r.id,
        projectId: r.project_id,
        building: r.building,
        number: r.number,
        bedrooms: r.bedrooms,
        areaSqm: r.area_sqm,
        monthlyRent: r.monthly_rent,
        status: r.status,
      })),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }
}
