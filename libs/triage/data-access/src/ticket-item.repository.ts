import type { Transaction } from 'kysely';
import type { Executor } from '@gm/shared-db';
import type { TicketItemDecisionRow, TicketItemRow, TriageDB } from './tables.js';

/** These items of the ticket (ids of other tickets are not found). */
export function findItems(
  db: Executor<TriageDB>,
  ticketId: string,
  ids: readonly string[],
): Promise<TicketItemRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('ticket_items')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

export async function countOpenItems(db: Executor<TriageDB>, ticketId: string): Promise<number> {
  const { n } = await db
    .selectFrom('ticket_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ticket_id', '=', ticketId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return Number(n);
}

export interface ItemDecisionInput {
  item_id: string;
  ticket_id: string;
  status: 'resolved' | 'rejected';
  outcome: string;
  reply: string;
  basis: string | null;
  actor_id: string;
  at: Date;
}

/**
 * Settles the items with these decisions and appends each to the item's history. Decisions alike
 * (a bulk "granted, same reply") are one UPDATE.
 */
export async function settleItems(
  trx: Transaction<TriageDB>,
  decisions: readonly ItemDecisionInput[],
): Promise<void> {
  if (decisions.length === 0) return;
  const alike = new Map<string, ItemDecisionInput[]>();
  for (const d of decisions) {
    const key = JSON.stringify([
      d.ticket_id,
      d.status,
      d.outcome,
      d.reply,
      d.basis,
      d.actor_id,
      d.at.getTime(),
    ]);
    const group = alike.get(key);
    if (group) group.push(d);
    else alike.set(key, [d]);
  }
  for (const group of alike.values()) {
    const d = group[0]!;
    await trx
      .updateTable('ticket_items')
      .set({
        status: d.status,
        outcome: d.outcome,
        resolution: d.reply,
        basis: d.basis,
        resolved_by: d.actor_id,
        resolved_at: d.at,
      })
      .where('ticket_id', '=', d.ticket_id)
      .where(
        'id',
        'in',
        group.map((g) => g.item_id),
      )
      .execute();
  }
  await trx
    .insertInto('ticket_item_decisions')
    .values(
      decisions.map((d) => ({
        item_id: d.item_id,
        ticket_id: d.ticket_id,
        outcome: d.outcome,
        reply: d.reply,
        basis: d.basis,
        actor_id: d.actor_id,
        at: d.at,
      })),
    )
    .execute();
}

/** Every decision on these items, oldest first. */
export function listItemDecisions(
  db: Executor<TriageDB>,
  ticketId: string,
  itemIds?: readonly string[],
): Promise<TicketItemDecisionRow[]> {
  let query = db.selectFrom('ticket_item_decisions').selectAll().where('ticket_id', '=', ticketId);
  if (itemIds) {
    if (itemIds.length === 0) return Promise.resolve([]);
    query = query.where('item_id', 'in', [...itemIds]);
  }
  return query.orderBy('seq').execute();
}

export interface ItemFilter {
  status?: string;
  outcome?: string;
}

/** One page of a ticket's items, in their order on the ticket. */
export async function listItemsPage(
  db: Executor<TriageDB>,
  ticketId: string,
  filter: ItemFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: TicketItemRow[]; total: number }> {
  let query = db.selectFrom('ticket_items').where('ticket_id', '=', ticketId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
  const [rows, { total }] = await Promise.all([
    query.selectAll().orderBy('position').limit(page.limit).offset(page.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total) };
}
