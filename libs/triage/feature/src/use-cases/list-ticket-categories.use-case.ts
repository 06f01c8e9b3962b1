import { Injectable } from '@nestjs/common';
import { listTicketCategories, toTicketCategory } from '@gm/triage-data-access';
import type { TicketCategory } from '@gm/triage-contracts';
import { InjectTriageDatabase, type TriageDatabase } from '../database.js';

/** The kinds of problem a ticket can be, with default department and deadline, in code order. */
@Injectable()
export class ListTicketCategoriesUseCase {
  constructor(@InjectTriageDatabase() private readonly database: TriageDatabase) {}

  async execute(): Promise<{ items: TicketCategory[] }> {
    const rows = await listTicketCategories(this.database.db);
    return { items: rows.map(toTicketCategory) };
  }
}
