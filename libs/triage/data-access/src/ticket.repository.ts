import { sql, type Transaction } from 'kysely';
import type { Executor } from '@gm/shared-db';
import type {
  NewTicketRow,
  TicketHistoryRow,
  TicketItemRow,
  TicketLinkRow,
  TicketRow,
  TriageDB,
} from './tables.js';

/** The next ticket number of the year, e.g. `WZH-2026-000042` (问诊会). */
export async function nextTicketNumber(db: Executor<TriageDB>, year: number): Promise<string> {
  const { rows } = await sql<{ n: number }>`SELECT nextval('ticket_number_seq') AS n`.execute(db);
  return `WZH-${year}-${String(rows[0]!.n).padStart(6, '0')}`;
}

export async function insertTicket(trx: Transaction<TriageDB>, row: NewTicketRow): Promise<void> {
  await trx.insertInto('tickets').values(row).execute();
}

export async function insertTicketItems(
  trx: Transaction<TriageDB>,
  ticketId: string,
  items: { id: string; beneficiaryName: string; reference?: string }[],
): Promise<void> {
  if (items.length === 0) return;
  await trx
    .insertInto('ticket_items')
    .values(
      items.map((item, i) => ({
        id: item.id,
        ticket_id: ticketId,
        position: i + 1,
        beneficiary_name: item.beneficiaryName,
        reference: item.reference ?? null,
        resolution: null,
        resolved_at: null,
      })),
    )
    .execute();
}

export function findTicket(db: Executor<TriageDB>, id: string): Promise<TicketRow | undefined> {
  return db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The ticket, locked for the rest of the transaction: transitions of one ticket run one at a time. */
export function lockTicket(trx: Transaction<TriageDB>, id: string): Promise<TicketRow | undefined> {
  return trx.selectFrom('tickets').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export type TicketChanges = Partial<
  Pick<
    TicketRow,
    | 'status'
    | 'department_id'
    | 'assisting_department_ids'
    | 'due_at'
    | 'overdue'
    | 'escalated'
    | 'redo_count'
    | 'resolution'
    | 'resolution_basis'
    | 'satisfaction'
    | 'merged_into_id'
    | 'response_due_at'
    | 'contacted_at'
  >
>;

export async function updateTicket(
  trx: Transaction<TriageDB>,
  id: string,
  changes: TicketChanges,
  at: Date,
): Promise<TicketRow> {
  return trx
    .updateTable('tickets')
    .set((eb) => ({ ...changes, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface HistoryEntryInput {
  ticket_id: string;
  transition: string;
  actor_id: string;
  at: Date;
  from_status: string | null;
  to_status: string;
  department_id: string | null;
  note: Record<string, unknown> | null;
}

export async function insertHistory(
  trx: Transaction<TriageDB>,
  entries: HistoryEntryInput[],
): Promise<void> {
  if (entries.length === 0) return;
  await trx
    .insertInto('ticket_history')
    .values(entries.map((e) => ({ ...e, note: e.note === null ? null : JSON.stringify(e.note) })))
    .execute();
}

export function listHistory(db: Executor<TriageDB>, ticketId: string): Promise<TicketHistoryRow[]> {
  return db
    .selectFrom('ticket_history')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .orderBy('seq')
    .execute();
}

export function listItems(db: Executor<TriageDB>, ticketId: string): Promise<TicketItemRow[]> {
  return db
    .selectFrom('ticket_items')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .orderBy('position')
    .execute();
}

export function listLinks(db: Executor<TriageDB>, ticketId: string): Promise<TicketLinkRow[]> {
  return db
    .selectFrom('ticket_links')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .orderBy('created_at')
    .execute();
}

export async function addLink(
  db: Executor<TriageDB>,
  link: { ticket_id: string; kind: string; ref_id: string },
): Promise<void> {
  await db
    .insertInto('ticket_links')
    .values(link)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export interface TicketFilter {
  status?: string;
  category?: string;
  departmentId?: string;
  /** Only these requester's tickets. */
  requesterId?: string;
  /** Only tickets this department leads or assists, or that `orRequesterId` raised. */
  visibleToDepartment?: { departmentId: string; orRequesterId: string };
}

export async function listTickets(
  db: Executor<TriageDB>,
  filter: TicketFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: TicketRow[]; total: number }> {
  let query = db.selectFrom('tickets');
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.category) query = query.where('category', '=', filter.category);
  if (filter.departmentId) query = query.where('department_id', '=', filter.departmentId);
  if (filter.requesterId) query = query.where('requester_id', '=', filter.requesterId);
  const visible = filter.visibleToDepartment;
  if (visible) {
    query = query.where((eb) =>
      eb.or([
        eb('department_id', '=', visible.departmentId),
        eb(eb.val(visible.departmentId), '=', eb.fn.any('assisting_department_ids')),
        eb('requester_id', '=', visible.orRequesterId),
      ]),
    );
  }
  const [rows, { total }] = await Promise.all([
    query
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total };
}

/** When the ticket last went through one of these transitions (e.g. its last dispatch). */
export async function lastTransitionAt(
  db: Executor<TriageDB>,
  ticketId: string,
  transitions: readonly string[],
): Promise<Date | undefined> {
  const row = await db
    .selectFrom('ticket_history')
    .select('at')
    .where('ticket_id', '=', ticketId)
    .where('transition', 'in', transitions)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.at;
}
