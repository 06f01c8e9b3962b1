import type {
  Satisfaction,
  Ticket,
  TicketHistoryEntry,
  TicketStatus,
  TicketSummary,
  TicketTransition,
} from '@gm/triage-contracts';
import type { TicketHistoryRow, TicketItemRow, TicketLinkRow, TicketRow } from './tables.js';

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

export function toTicket(
  row: TicketRow,
  related: { items: TicketItemRow[]; history: TicketHistoryRow[]; links: TicketLinkRow[] },
): Ticket {
  return {
    ...toTicketSummary(row),
    description: row.description,
    details: row.details,
    resolution: row.resolution,
    satisfaction: row.satisfaction as Satisfaction | null,
    mergedIntoId: row.merged_into_id,
    items: related.items.map((item) => ({
      id: item.id,
      beneficiaryName: item.beneficiary_name,
      ...(item.reference === null ? {} : { reference: item.reference }),
      status: item.status as 'open' | 'resolved' | 'rejected',
      resolution: item.resolution,
      resolvedAt: iso(item.resolved_at),
    })),
    history: related.history.map(toHistoryEntry),
    links: related.links.map((link) => ({ kind: link.kind, id: link.ref_id })),
  };
}
