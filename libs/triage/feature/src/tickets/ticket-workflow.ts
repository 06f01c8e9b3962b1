import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import type { Identity } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { Outbox } from '@gm/shared-messaging';
import {
  TICKET_EVENTS,
  type Ticket,
  type TicketStatus,
  type TicketTransition,
} from '@gm/triage-contracts';
import {
  countOpenDuplicates,
  findTicket,
  insertHistory,
  listHistory,
  listItemDecisions,
  listItems,
  listLinks,
  lockTicket,
  toTicket,
  updateTicket,
  type TicketChanges,
  type TicketRow,
  type TriageDB,
} from '@gm/triage-data-access';
import {
  applyTicketCommand,
  authoriseTicketAction,
  type TicketAction,
  type TicketCommand,
  type TicketState,
} from '@gm/triage-domain';
import { InjectTriageDatabase, type TriageDatabase } from '../database.js';
import { TRIAGE_CLOCK, type Clock } from './ticket-runtime.js';

/** Who acts: a verified caller (authorised per action), or the system (scheduler, other services). */
export type Actor = { identity: Identity } | { system: string };

export const actorId = (actor: Actor): string =>
  'identity' in actor ? actor.identity.id : `system:${actor.system}`;

export function stateOf(row: TicketRow): TicketState {
  return {
    status: row.status as TicketStatus,
    departmentId: row.department_id,
    assistingDepartmentIds: row.assisting_department_ids,
    dueAt: row.due_at,
    overdue: row.overdue,
    escalated: row.escalated,
    redoCount: row.redo_count,
    responseDueAt: row.response_due_at,
    contactedAt: row.contacted_at,
  };
}

export const partiesOf = (row: TicketRow) => ({
  id: row.id,
  requesterId: row.requester_id,
  departmentId: row.department_id,
  assistingDepartmentIds: row.assisting_department_ids,
});

export interface TransitionRequest {
  /** What the caller asks to do; checked against the caller's identity (not for system actors). */
  action: TicketAction | null;
  /** The domain command, built from the locked row. */
  command: (row: TicketRow) => TicketCommand;
  /** Columns to set besides the state (resolution, satisfaction...). */
  changes?: (row: TicketRow) => TicketChanges;
  /** What the history entries and events carry. */
  note?: Record<string, unknown>;
  /** Extra note per transition (e.g. for `escalated` the reason). */
  notes?: Partial<Record<TicketTransition, Record<string, unknown>>>;
  /** Extra note per entry, by position (e.g. which item each `item-resolved` settled). */
  entryNotes?: readonly Record<string, unknown>[];
}

/**
 * The one way a ticket changes: lock the row, authorise the actor, apply the domain rule, then
 * write the row, its history and one outbox event per transition, all in the caller's transaction.
 */
@Injectable()
export class TicketWorkflow {
  constructor(
    @InjectTriageDatabase() private readonly database: TriageDatabase,
    private readonly outbox: Outbox,
    @Inject(TRIAGE_CLOCK) private readonly clock: Clock,
  ) {}

  async transition(
    trx: Transaction<TriageDB>,
    ticketId: string,
    actor: Actor,
    request: TransitionRequest,
  ): Promise<TicketRow> {
    const row = await lockTicket(trx, ticketId);
    if (!row) throw AppError.notFound('ticket', ticketId);
    if ('identity' in actor && request.action) {
      authoriseTicketAction(actor.identity, request.action, partiesOf(row));
    }
    const { state, transitions } = applyTicketCommand(stateOf(row), request.command(row));
    const now = this.clock();
    const updated = await updateTicket(
      trx,
      row.id,
      {
        status: state.status,
        department_id: state.departmentId,
        assisting_department_ids: [...state.assistingDepartmentIds],
        due_at: state.dueAt,
        overdue: state.overdue,
        escalated: state.escalated,
        redo_count: state.redoCount,
        response_due_at: state.responseDueAt ?? null,
        contacted_at: state.contactedAt ?? null,
        ...request.changes?.(row),
      },
      now,
    );
    await this.record(trx, row, updated, transitions, actor, request);
    return updated;
  }

  /** History entries and events of transitions already applied to `after`. */
  async record(
    trx: Transaction<TriageDB>,
    before: TicketRow | null,
    after: TicketRow,
    transitions: readonly TicketTransition[],
    actor: Actor,
    request: Pick<TransitionRequest, 'note' | 'notes' | 'entryNotes'> = {},
  ): Promise<void> {
    const at = this.clock();
    const entries = transitions.map((transition, i) => ({
      transition,
      note: { ...request.note, ...request.notes?.[transition], ...request.entryNotes?.[i] },
    }));
    await insertHistory(
      trx,
      entries.map(({ transition, note }) => ({
        ticket_id: after.id,
        transition,
        actor_id: actorId(actor),
        at,
        from_status: before?.status ?? null,
        to_status: after.status,
        department_id: after.department_id ?? before?.department_id ?? null,
        note: Object.keys(note).length ? note : null,
      })),
    );
    for (const { transition, note } of entries) {
      const handOff = transition === 'assigned' || transition === 'redispatched';
      await this.outbox.add(
        trx,
        TICKET_EVENTS[transition],
        {
          ticketId: after.id,
          number: after.number,
          category: after.category,
          transition,
          fromStatus: (before?.status ?? null) as TicketStatus | null,
          status: after.status as TicketStatus,
          requesterId: after.requester_id,
          departmentId: after.department_id,
          assistingDepartmentIds: after.assisting_department_ids,
          dueAt: after.due_at?.toISOString() ?? null,
          overdue: after.overdue,
          escalated: after.escalated,
          redoCount: after.redo_count,
          actorId: actorId(actor),
          at: at.toISOString(),
          ...(handOff
            ? { details: after.details, submittedAt: after.created_at.toISOString() }
            : {}),
          note: Object.keys(note).length ? note : null,
        },
        { subject: after.id },
      );
    }
  }

  /** The ticket with its items (and their decisions), history, links and open duplicates. */
  async load(db: TriageDatabase['db'] | Transaction<TriageDB>, id: string): Promise<Ticket> {
    const row = await findTicket(db, id);
    if (!row) throw AppError.notFound('ticket', id);
    return this.present(db, row);
  }

  async present(db: TriageDatabase['db'] | Transaction<TriageDB>, row: TicketRow): Promise<Ticket> {
    const [items, history, links, decisions, openDuplicateCount] = await Promise.all([
      listItems(db, row.id),
      listHistory(db, row.id),
      listLinks(db, row.id),
      listItemDecisions(db, row.id),
      countOpenDuplicates(db, row.id),
    ]);
    return toTicket(row, { items, history, links, decisions, openDuplicateCount });
  }

  get db() {
    return this.database.db;
  }
}
