import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { hasRole, type Identity } from '@gm/shared-contracts';
import { AppError, invalidInput } from '@gm/shared-errors';
import { inTransaction } from '@gm/shared-db';
import {
  TICKET_DETAILS_SCHEMAS,
  type CreateTicketBody,
  type TicketStatus,
} from '@gm/triage-contracts';
import {
  findTicket,
  findTicketCategory,
  insertTicket,
  insertTicketItems,
  nextTicketNumber,
} from '@gm/triage-data-access';
import { REQUESTER_ROLES, shanghaiDate } from '@gm/triage-domain';
import { DuplicateSuggestions } from './duplicate-suggestions.js';
import { TicketWorkflow } from './ticket-workflow.js';
import { TRIAGE_CLOCK, type Clock } from './ticket-runtime.js';

/**
 * 受理: a researcher, enterprise or talent raises a ticket; `details` must fit its category. Its
 * likely duplicates among the open tickets of the category are suggested to the conveners.
 */
@Injectable()
export class CreateTicketUseCase {
  constructor(
    private readonly workflow: TicketWorkflow,
    @Inject(TRIAGE_CLOCK) private readonly clock: Clock,
    private readonly duplicates: DuplicateSuggestions,
  ) {}

  async execute(
    identity: Identity,
    body: CreateTicketBody,
  ): Promise<{ id: string; number: string; status: TicketStatus }> {
    if (!hasRole(identity, ...REQUESTER_ROLES)) {
      throw AppError.forbidden('only researchers, enterprises and talents raise tickets');
    }
    const details = this.checkDetails(body);
    return inTransaction(this.workflow.db, async (trx) => {
      const category = await findTicketCategory(trx, body.category);
      if (!category) {
        throw AppError.invalid(`unknown ticket category ${body.category}`, [
          { path: 'category', message: 'no such category', code: 'ticket.unknown-category' },
        ]);
      }
      const now = this.clock();
      const id = randomUUID();
      const number = await nextTicketNumber(trx, Number(shanghaiDate(now).slice(0, 4)));
      await insertTicket(trx, {
        id,
        number,
        title: body.title,
        description: body.description,
        category: body.category,
        details: details === undefined ? null : JSON.stringify(details),
        requester_id: identity.id,
        status: 'submitted',
        department_id: null,
        due_at: null,
        resolution: null,
        resolution_basis: null,
        satisfaction: null,
        merged_into_id: null,
        created_at: now,
        updated_at: now,
      });
      await insertTicketItems(
        trx,
        id,
        (body.items ?? []).map((item) => ({ id: randomUUID(), ...item })),
      );
      const row = await findTicket(trx, id);
      await this.workflow.record(
        trx,
        null,
        row!,
        ['submitted'],
        { identity },
        {
          note: { title: body.title, items: body.items?.length ?? 0 },
        },
      );
      await this.duplicates.detect(trx, row!, body.items ?? []);
      return { id, number, status: 'submitted' as const };
    });
  }

  private checkDetails(body: CreateTicketBody): Record<string, unknown> | undefined {
    const schema = TICKET_DETAILS_SCHEMAS[body.category];
    if (!schema) return body.details;
    const result = schema.safeParse(body.details);
    if (!result.success) throw invalidInput(result.error.issues, 'details', 'details');
    return result.data;
  }
}
