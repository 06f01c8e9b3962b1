import { Injectable } from '@nestjs/common';
import type { Page } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { findProject, listProjectUnits } from '@gm/housing-data-access';
import type { HousingUnit, ListProjectUnitsQuery } from '@gm/housing-contracts';
import { InjectHousingDatabase, type HousingDatabase } from '../database.js';

/** A project's units, paged, in building and number order: public, no tenant is named. */
@Injectable()
export class ListProjectUnitsUseCase {
  constructor(@InjectHousingDatabase() private readonly database: HousingDatabase) {}

  async execute(query: ListProjectUnitsQuery): Promise<Page<HousingUnit>> {
    const db = this.database.db;
    if (!(await findProject(db, query.projectId))) {
      throw AppError.notFound('housing project', query.projectId);
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
