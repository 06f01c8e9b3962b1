import { Injectable } from '@nestjs/common';
import { inTransaction } from '@gm/shared-db';
import {
  demoCatalogue,
  insertMissingResources,
  insertMissingUnits,
} from '@gm/resources-data-access';
import { InjectResourcesDatabase, type ResourcesDatabase } from '../database.js';

/**
 * Inserts the demo units and resources that are not there yet, in one transaction. Running it
 * again changes nothing, and rows edited since (a resource put into maintenance) are kept.
 */
@Injectable()
export class SeedDemoCatalogueUseCase {
  constructor(@InjectResourcesDatabase() private readonly database: ResourcesDatabase) {}

  execute(): Promise<{ units: number; resources: number }> {
    const { units, resources } = demoCatalogue();
    return inTransaction(this.database.db, async (trx) => ({
      // Units first: resources reference them.
      units: await insertMissingUnits(trx, units),
      resources: await insertMissingResources(trx, resources),
    }));
  }
}
