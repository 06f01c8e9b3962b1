import { Injectable } from '@nestjs/common';
import { countResourcesBy, countUnits } from '@gm/resources-data-access';
import {
  RESOURCE_CATEGORIES,
  RESOURCE_STATUSES,
  type ResourcesOverview,
} from '@gm/resources-contracts';
import { InjectResourcesDatabase, type ResourcesDatabase } from '../database.js';

/** Every key of `keys` with its count, zero where nothing was counted. */
function countsFor<K extends string>(
  keys: readonly K[],
  counted: Map<string, number>,
): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, counted.get(k) ?? 0])) as Record<K, number>;
}

/** The catalogue's figures for the portal: units, and resources by category and status. */
@Injectable()
export class GetResourcesOverviewUseCase {
  constructor(@InjectResourcesDatabase() private readonly database: ResourcesDatabase) {}

  async execute(): Promise<ResourcesOverview> {
    const db = this.database.db;
    const [units, byCategory, byStatus] = await Promise.all([
      countUnits(db),
      countResourcesBy(db, 'category'),
      countResourcesBy(db, 'status'),
    ]);
    const total = [...byStatus.values()].reduce((sum, n) => sum + n, 0);
    return {
      units,
      resources: {
        total,
        byCategory: countsFor(RESOURCE_CATEGORIES, byCategory),
        byStatus: countsFor(RESOURCE_STATUSES, byStatus),
      },
    };
  }
}
