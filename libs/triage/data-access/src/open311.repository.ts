import type { Executor } from '@gm/shared-db';
import type { TriageDB } from './tables.js';

/** Which tickets a public Open311 search asks for; every field narrows, none is required. */
export interface PublicTicketFilter {
  ids?: readonly string[];
  numbers?: readonly string[];
  categories?: readonly string[];
  statuses?: readonly string[];
  createdFrom?: Date;
  createdTo?: Date;
}

/**
 * Tickets with their category's and lead department's names, newest first: the public columns
 * only (never the requester, the details or the beneficiaries).
 */
export function listPublicTickets(
  db: Executor<TriageDB>,
  filter: PublicTicketFilter,
  limit: number,
) {
  let query = db
    .selectFrom('tickets')
    .innerJoin('ticket_categories as c', 'c.code', 'tickets.category')
    .leftJoin('departments as d', 'd.id', 'tickets.department_id')
    .select([
      'tickets.id',
      'tickets.number',
      'tickets.title',
      'tickets.category',
      'tickets.status',
      'tickets.due_at',
      'tickets.overdue',
      'tickets.created_at',
      'tickets.updated_at',
      'c.name as category_name',
      'd.name as department_name',
    ]);
  const { ids, numbers } = filter;
  if (ids !== undefined || numbers !== undefined) {
    query = query.where((eb) =>
      eb.or([
        ...(ids?.length ? [eb('tickets.id', 'in', ids)] : []),
        ...(numbers?.length ? [eb('tickets.number', 'in', numbers)] : []),
        ...(!ids?.length && !numbers?.length ? [eb.val(false)] : []),
      ]),
    );
  }
  if (filter.categories?.length) query = query.where('tickets.category', 'in', filter.categories);
  if (filter.statuses?.length) query = query.where('tickets.status', 'in', filter.statuses);
  if (filter.createdFrom) query = query.where('tickets.created_at', '>=', filter.createdFrom);
  if (filter.createdTo) query = query.where('tickets.created_at', '<=', filter.createdTo);
  return query.orderBy('tickets.created_at', 'desc').orderBy('tickets.id').limit(limit).execute();
}

export type PublicTicketRow = Awaited<ReturnType<typeof listPublicTickets>>[number];

/** The ticket of a number (`WZH-2026-000042`), its id only. */
export function findTicketIdByNumber(
  db: Executor<TriageDB>,
  number: string,
): Promise<{ id: string; number: string } | undefined> {
  return db
    .selectFrom('tickets')
    .select(['id', 'number'])
    .where('number', '=', number)
    .executeTakeFirst();
}

/** History entries in `[from, to]`, oldest first, with the lead department's name at the time. */
export function listPublicHistory(
  db: Executor<TriageDB>,
  range: { from: Date; to: Date },
  limit: number,
) {
  return db
    .selectFrom('ticket_history as h')
    .leftJoin('departments as d', 'd.id', 'h.department_id')
    .select([
      'h.seq',
      'h.ticket_id',
      'h.transition',
      'h.to_status',
      'h.at',
      'd.name as department_name',
    ])
    .where('h.at', '>=', range.from)
    .where('h.at', '<=', range.to)
    .orderBy('h.at')
    .orderBy('h.seq')
    .limit(limit)
    .execute();
}

export type PublicHistoryRow = Awaited<ReturnType<typeof listPublicHistory>>[number];
