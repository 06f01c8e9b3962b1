import { Injectable } from '@nestjs/common';
import { findResourcePage, toResource } from '@gm/resources-data-access';
import type { Resource, ResourceQuery } from '@gm/resources-contracts';
import type { Page } from '@gm/shared-contracts';
import { InjectResourcesDatabase, type ResourcesDatabase } from '../database.js';

/** One page of the catalogue, filtered by text, category and owning unit, in code order. */
@Injectable()
export class ListResourcesUseCase {
  constructor(@InjectResourcesDatabase() private readonly database: ResourcesDatabase) {}

  async execute({ q, category, unitId, page, pageSize }: ResourceQuery): Promise<Page<Resource>> {
    const { rows, total } = await findResourcePage(
      this.database.db,
      { q, category, unitId },
      { limit: pageSize, offset: (page - 1) * pageSize },
    );
    return { items: rows.map(toResource), page, pageSize, total };
  }
}
