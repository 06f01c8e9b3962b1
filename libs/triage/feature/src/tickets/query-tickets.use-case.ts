import { Injectable } from '@nestjs/common';
import type { Identity, Page } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import type { Ticket, TicketQuery, TicketSummary } from '@gm/triage-contracts';
import {
  findTicket,
  listTickets,
  toTicketSummary,
  type TicketFilter,
} from '@gm/triage-data-access';
import { canViewTicket, ticketScopeOf } from '@gm/triage-domain';
import { partiesOf, TicketWorkflow } from './ticket-workflow.js';

/** Ticket reads, narrowed to what the caller may see. */
@Injectable()
export class QueryTicketsUseCase {
  constructor(private readonly workflow: TicketWorkflow) {}

  async list(identity: Identity, query: TicketQuery): Promise<Page<TicketSummary>> {
    const scope = ticketScopeOf(identity);
    const filter: TicketFilter = {
      status: query.status,
      category: query.category,
      departmentId: query.departmentId,
      ...(scope.kind === 'requester' ? { requesterId: scope.requesterId } : {}),
      ...(scope.kind === 'department'
        ? {
            visibleToDepartment: {
              departmentId: scope.departmentId,
              orRequesterId: scope.requesterId,
            },
          }
        : {}),
    };
    const { rows, total } = await listTickets(this.workflow.db, filter, {
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return { items: rows.map(toTicketSummary), page: query.page, pageSize: query.pageSize, total };
  }

  async get(identity: Identity, id: string): Promise<Ticket> {
    const row = await findTicket(this.workflow.db, id);
    // Someone else's ticket is as unknown as a missing one.
    if (!row || !canViewTicket(identity, partiesOf(row))) throw AppError.notFound('ticket', id);
    return this.workflow.present(this.workflow.db, row);
  }
}
