import { Injectable } from '@nestjs/common';
import { inTransaction } from '@gm/shared-db';
import { demoHousingStock, insertMissingHousingStock } from '@gm/housing-data-access';
import { InjectHousingDatabase, type HousingDatabase } from '../database.js';

/**
 * Inserts the demo projects, buildings and units that are not there yet, in one transaction.
 * Running it again changes nothing, and units let or offered since keep their status.
 */
@Injectable()
export class SeedDemoHousingUseCase {
  constructor(@InjectHousingDatabase() private readonly database: HousingDatabase) {}

  execute(): Promise<{ projects: number; buildings: number; units: number }> {
    const stock = demoHousingStock();
    return inTransaction(this.database.db, (trx) => insertMissingHousingStock(trx, stock));
  }
}
