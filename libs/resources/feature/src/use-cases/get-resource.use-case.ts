import { Injectable } from '@nestjs/common';
import { AppError } from '@gm/shared-errors';
import { toResource } from '@gm/resources-data-access';
import { parseResourceRef } from '@gm/resources-domain';
import type { Resource } from '@gm/resources-contracts';
import { ResourceCache } from '../catalogue/resource-cache.js';
import { InjectResourcesDatabase, type ResourcesDatabase } from '../database.js';

/** One resource by its UUID or its code (`GM-R-001`); unknown → not-found. Served from the short catalogue cache. */
@Injectable()
export class GetResourceUseCase {
  constructor(
    @InjectResourcesDatabase() private readonly database: ResourcesDatabase,
    private readonly cache: ResourceCache,
  ) {}

  async execute(ref: string): Promise<Resource> {
    const row = await this.cache.find(this.database.db, parseResourceRef(ref));
    if (!row) throw AppError.notFound('resource', ref);
    return toResource(row);
  }
}
