import { Injectable } from '@nestjs/common';
import { countDepartments, countTicketCategories } from '@gm/triage-data-access';
import type { TriageOverview } from '@gm/triage-contracts';
import { InjectTriageDatabase, type TriageDatabase } from '../database.js';

/** The triage service's figures for the portal. */
@Injectable()
export class GetTriageOverviewUseCase {
  constructor(@InjectTriageDatabase() private readonly database: TriageDatabase) {}

  async execute(): Promise<TriageOverview> {
    const db = this.database.db;
    const [departments, categories] = await Promise.all([
      countDepartments(db),
      countTicketCategories(db),
    ]);
    return { departments, categories };
  }
}
