import { Injectable } from '@nestjs/common';
import { inTransaction } from '@gm/shared-db';
import {
  demoReferenceData,
  insertMissingDepartments,
  insertMissingTicketCategories,
} from '@gm/triage-data-access';
import { InjectTriageDatabase, type TriageDatabase } from '../database.js';

/**
 * Inserts the demo departments and ticket categories that are not there yet, in one
 * transaction. Running it again changes nothing, and rows edited since are kept.
 */
@Injectable()
export class SeedDemoReferenceDataUseCase {
  constructor(@InjectTriageDatabase() private readonly database: TriageDatabase) {}

  execute(): Promise<{ departments: number; categories: number }> {
    const { departments, categories } = demoReferenceData();
    return inTransaction(this.database.db, async (trx) => ({
      // Departments first: categories reference them.
      departments: await insertMissingDepartments(trx, departments),
      categories: await insertMissingTicketCategories(trx, categories),
    }));
  }
}
