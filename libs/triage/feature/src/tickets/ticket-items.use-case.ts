import { Inject, Injectable } from '@nestjs/common';
import type { Identity, Page } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { inTransaction } from '@gm/shared-db';
import type { Ticket, TicketItem, TicketItemQuery, TicketItemStatus } from '@gm/triage-contracts';
import {
  findTicket,
  itemCountsOf,
  listItemDecisions,
  listItems,
  listItemsPage,
  lockTicket,
  settleItems,
  toTicketItem,
} from '@gm/triage-data-access';
import {
  authoriseTicketAction,
  canViewTicket,
  checkItemDecisions,
  itemStatusOf,
  itemsResolutionSummary,
  type ItemDecisionRequest,
} from '@gm/triage-domain';
import { TRIAGE_CLOCK, type Clock } from './ticket-runtime.js';
import { actorId, partiesOf, TicketWorkflow } from './ticket-workflow.js';

/**
 * Beneficiary items (e.g. 400 researchers' plates on one ticket), each settled on its own by the
 * lead department while the ticket is in progress: one history entry and `item-resolved` event
 * per item, its decisions kept on the item. When a request settles the last open item the ticket
 * resolves itself with a summary of the outcomes (ADR 0016) and waits for the requester.
 */
@Injectable()
export class TicketItemsUseCase {
  constructor(
    private readonly workflow: TicketWorkflow,
    @Inject(TRIAGE_CLOCK) private readonly clock: Clock,
  ) {}

  /** One item: an item not on the ticket is not found. */
  resolveOne(identity: Identity, input: ItemDecisionRequest & { id: string }): Promise<Ticket> {
    const { id, ...decision } = input;
    return this.decide(identity, id, [decision], 'one');
  }

  /** Many items, all or nothing; a bad entry is named by its place in `items`. */
  resolveMany(
    identity: Identity,
    input: { id: string; items: ItemDecisionRequest[] },
  ): Promise<Ticket> {
    return this.decide(identity, input.id, input.items, 'many');
  }

  async list(
    identity: Identity,
    query: TicketItemQuery & { id: string },
  ): Promise<Page<TicketItem>> {
    const db = this.workflow.db;
    const row = await findTicket(db, query.id);
    if (!row || !canViewTicket(identity, partiesOf(row))) {
      throw AppError.notFound('ticket', query.id);
    }
    const { rows, total } = await listItemsPage(
      db,
      row.id,
      { status: query.status, outcome: query.outcome },
      { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
    );
    const decisions = await listItemDecisions(
      db,
      row.id,
      rows.map((r) => r.id),
    );
    return {
      items: rows.map((r) => toTicketItem(r, decisions)),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  private decide(
    identity: Identity,
    ticketId: string,
    requests: ItemDecisionRequest[],
    form: 'one' | 'many',
  ): Promise<Ticket> {
    return inTransaction(this.workflow.db, async (trx) => {
      const row = await lockTicket(trx, ticketId);
      if (!row) throw AppError.notFound('ticket', ticketId);
      // Who may act comes before what the items say, so outsiders learn nothing of them.
      authoriseTicketAction(identity, 'resolve-item', partiesOf(row));
      const items = await listItems(trx, row.id);
      const onRecord = new Map(
        items.map((item) => [
          item.id,
          {
            id: item.id,
            status: item.status as TicketItemStatus,
            beneficiaryName: item.beneficiary_name,
          },
        ]),
      );
      // The one-item form names its item in the path: a wrong one is not found.
      if (form === 'one' && !onRecord.has(requests[0]!.itemId)) {
        throw AppError.notFound('ticket item', requests[0]!.itemId);
      }
      const decided = checkItemDecisions(requests, onRecord, (i) =>
        form === 'one' ? '' : `items.${i}`,
      );

      const now = this.clock();
      const by = actorId({ identity });
      const decisions = requests.map((r) => ({
        item_id: r.itemId,
        ticket_id: row.id,
        status: itemStatusOf(r.outcome),
        outcome: r.outcome,
        reply: r.reply,
        basis: r.basis ?? null,
        actor_id: by,
        at: now,
      }));
      const openBefore = items.filter((i) => i.status === 'open').length;
      const openAfter = openBefore - decided.filter((i) => i.status === 'open').length;
      const resolvesTicket = openBefore > 0 && openAfter === 0;
      const decidedById = new Map(decisions.map((d) => [d.item_id, d]));
      const counts = itemCountsOf(
        items.map((i) => {
          const d = decidedById.get(i.id);
          return d ? { ...i, status: d.status, outcome: d.outcome } : i;
        }),
      );
      const summary = itemsResolutionSummary(counts);
      const late = row.due_at ? now.getTime() > row.due_at.getTime() : false;

      const updated = await this.workflow.transition(
        trx,
        row.id,
        { identity },
        {
          action: 'resolve-item',
          command: () => ({ type: 'resolve-items', items: requests.length, resolvesTicket }),
          changes: () => (resolvesTicket ? { resolution: summary, resolution_basis: null } : {}),
          entryNotes: requests.map((r, i) => ({
            itemId: r.itemId,
            beneficiaryName: decided[i]!.beneficiaryName,
            outcome: r.outcome,
            reply: r.reply,
            ...(r.basis ? { basis: r.basis } : {}),
            // Decided before (e.g. reconsidered after a redo).
            ...(decided[i]!.status !== 'open' ? { redecided: true } : {}),
          })),
          notes: {
            resolved: {
              resolution: summary,
              items: counts.total,
              byOutcome: counts.byOutcome,
              auto: true,
              late,
            },
          },
        },
      );
      await settleItems(trx, decisions);
      return this.workflow.present(trx, updated);
    });
  }
}
