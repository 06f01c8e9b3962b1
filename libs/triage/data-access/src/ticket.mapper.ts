import {
  ITEM_OUTCOMES,
  type ItemOutcome,
  type Satisfaction,
  type Ticket,
  type TicketItem,
  type TicketItemCounts,
  type TicketItemStatus,
  type TicketHistoryEntry,
  type TicketStatus,
  type TicketSummary,
  type TicketTransition,
} from '@gm/triage-contracts';
import type {
  TicketHistoryRow,
  TicketItemDecisionRow,
  TicketItemRow,
  TicketLinkRow,
  TicketRow,
} from './tables.js';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function toTicketSummary(row: TicketRow): TicketSummary {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    category: row.category,
    status: row.status as TicketStatus,
    requesterId: row.requester_id,
    departmentId: row.department_id,
    assistingDepartmentIds: row.assisting_department_ids,
    dueAt: iso(row.due_at),
    overdue: row.overdue,
    escalated: row.escalated,
    redoCount: row.redo_count,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toHistoryEntry(row: TicketHistoryRow): TicketHistoryEntry {
  return {
    transition: row.transition as TicketTransition,
    actorId: row.actor_id,
    at: row.at.toISOString(),
    fromStatus: row.from_status as TicketStatus | null,
    toStatus: row.to_status as TicketStatus,
    note: row.note,
  };
}

/** An item with its decisions (those of other items are ignored). */
export function toTicketItem(
  item: TicketItemRow,
  decisions: readonly TicketItemDecisionRow[],
): TicketItem {
  return {
    id: item.id,
    beneficiaryName: item.beneficiary_name,
    ...(item.reference === null ? {} : { reference: item.reference }),
    status: item.status as TicketItemStatus,
    resolution: item.resolution,
    resolvedAt: iso(item.resolved_at),
    outcome: item.outcome as ItemOutcome | null,
    basis: item.basis,
    history: decisions
      .filter((d) => d.item_id === item.id)
      .map((d) => ({
        outcome: d.outcome as ItemOutcome,
        reply: d.reply,
        basis: d.basis,
        actorId: d.actor_id,
        at: d.at.toISOString(),
      })),
  };
}

/** How far the items are settled. */
export function itemCountsOf(items: readonly TicketItemRow[]): TicketItemCounts {
  const byOutcome = Object.fromEntries(ITEM_OUTCOMES.map((o) => [o, 0])) as Record<
    ItemOutcome,
    number
  >;
  let open = 0;
  for (const item of items) {
    if (item.status === 'open' || item.outcome === null) open++;
    else byOutcome[item.outcome as ItemOutcome]++;
  }
  return { total: items.length, open, byOutcome };
}

export function toTicket(
  row: TicketRow,
  related: {
    items: TicketItemRow[];
    history: TicketHistoryRow[];
    links: TicketLinkRow[];
    decisions: TicketItemDecisionRow[];
    openDuplicateCount: number;
  },
): Ticket {
  const decisionsByItem = new Map<string, TicketItemDecisionRow[]>();
  for (const d of related.decisions) {
    const list = decisionsByItem.get(d.item_id);
    if (list) list.push(d);
    else decisionsByItem.set(d.item_id, [d]);
  }
  return {
    ...toTicketSummary(row),
    description: row.description,
    details: row.details,
    resolution: row.resolution,
    satisfaction: row.satisfaction as Satisfaction | null,
    mergedIntoId: row.merged_into_id,
    items: related.items.map((item) => toTicketItem(item, decisionsByItem.get(item.id) ?? [])),
    history: related.history.map(toHistoryEntry),
    links: related.links.map((link) => ({ kind: link.kind, id: link.ref_id })),
    itemCounts: itemCountsOf(related.items),
    responseDueAt: iso(row.response_due_at),
    firstContactAt: iso(row.contacted_at),
    openDuplicateCount: related.openDuplicateCount,
  };
}
