import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import { hasRole, type Identity } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { inTransaction } from '@gm/shared-db';
import type { Satisfaction, Ticket } from '@gm/triage-contracts';
import {
  addLink,
  countOpenItems,
  existingDepartmentIds,
  findTicket,
  findTicketCategory,
  lastTransitionAt,
  lockTicket,
  type TicketRow,
  type TriageDB,
} from '@gm/triage-data-access';
import { returnDisputeParty, type WorkingCalendar } from '@gm/triage-domain';
import {
  responseWorkingDaysOf,
  TRIAGE_SETTINGS,
  type TriageSettings,
} from '../config/triage-config.js';
import { DuplicateSuggestions } from './duplicate-suggestions.js';
import { TicketWorkflow, type Actor } from './ticket-workflow.js';
import { TRIAGE_CLOCK, WORKING_CALENDAR, type Clock } from './ticket-runtime.js';

export interface AssignInput {
  id: string;
  departmentId: string;
  assistingDepartmentIds?: string[];
  dueAt?: string;
}

/**
 * The department loop: 派单 (assign), 签收 (accept), 首次联系 (contact), 退单 (return) and its
 * review, 办结 (resolve), and the requester's 回访 (confirm). Each runs in one transaction with
 * its events.
 */
@Injectable()
export class TicketCommandsUseCase {
  constructor(
    private readonly workflow: TicketWorkflow,
    @Inject(WORKING_CALENDAR) private readonly calendar: WorkingCalendar,
    @Inject(TRIAGE_CLOCK) private readonly clock: Clock,
    @Inject(TRIAGE_SETTINGS) private readonly settings: TriageSettings,
    private readonly duplicates: DuplicateSuggestions,
  ) {}

  assign(identity: Identity, input: AssignInput): Promise<Ticket> {
    requireConvener(identity);
    return this.run(async (trx) => {
      const assisting = input.assistingDepartmentIds ?? [];
      await this.checkDepartments(trx, [input.departmentId, ...assisting]);
      const dueAt = this.explicitDueAt(input.dueAt) ?? (await this.defaultDueAt(trx, input.id));
      const responseDueAt = await this.responseDueAt(trx, input.id);
      return this.workflow.transition(
        trx,
        input.id,
        { identity },
        {
          action: 'assign',
          command: () => ({
            type: 'assign',
            departmentId: input.departmentId,
            assistingDepartmentIds: assisting,
            dueAt,
            responseDueAt,
          }),
          note: { departmentId: input.departmentId, assistingDepartmentIds: assisting },
        },
      );
    });
  }

  /**
   * 签收. On time by the response deadline set at the (last) dispatch: the end of the category's
   * response working days after it; a late sign-for is taken and recorded as late (the response
   * rate counts it).
   */
  accept(identity: Identity, id: string): Promise<Ticket> {
    return this.run(async (trx) => {
      const row = await lockTicket(trx, id);
      const responseDueAt = row ? await this.responseDueAtOf(trx, row) : undefined;
      return this.workflow.transition(
        trx,
        id,
        { identity },
        {
          action: 'accept',
          command: () => ({ type: 'accept' }),
          note: responseDueAt
            ? {
                late: this.clock().getTime() > responseDueAt.getTime(),
                responseDueAt: responseDueAt.toISOString(),
              }
            : undefined,
        },
      );
    });
  }

  /**
   * 首次联系: the lead department records how it reached the requester, once signed for. Every
   * contact is kept; the first since the dispatch is on time by the response deadline, and the
   * response rate counts a ticket only when both its sign-for and this came in time.
   */
  contact(
    identity: Identity,
    input: { id: string; channel: string; note: string },
  ): Promise<Ticket> {
    return this.run(async (trx) => {
      const row = await lockTicket(trx, input.id);
      const responseDueAt = row ? await this.responseDueAtOf(trx, row) : undefined;
      const now = this.clock();
      const first = row?.contacted_at === null;
      return this.workflow.transition(
        trx,
        input.id,
        { identity },
        {
          action: 'contact',
          command: () => ({ type: 'contact', at: now }),
          note: {
            channel: input.channel,
            note: input.note,
            first,
            ...(first && responseDueAt
              ? {
                  late: now.getTime() > responseDueAt.getTime(),
                  responseDueAt: responseDueAt.toISOString(),
                }
              : {}),
          },
        },
      );
    });
  }

  /** 退单: only within the configured working days of the (last) dispatch. */
  return(
    identity: Identity,
    input: { id: string; reason: string; basis: string },
  ): Promise<Ticket> {
    return this.run(async (trx) => {
      const row = await lockTicket(trx, input.id);
      const dispatchedAt = row
        ? await lastTransitionAt(trx, input.id, ['assigned', 'redispatched'])
        : undefined;
      const workingDays = this.settings.returnWorkingDays;
      const window = dispatchedAt
        ? {
            now: this.clock(),
            closesAt: this.calendar.deadline(dispatchedAt, workingDays),
            workingDays,
          }
        : undefined;
      return this.workflow.transition(
        trx,
        input.id,
        { identity },
        {
          action: 'return',
          command: () => ({ type: 'return', window }),
          note: { reason: input.reason, basis: input.basis },
        },
      );
    });
  }

  reviewReturn(
    identity: Identity,
    input: { id: string; decision: 'reject' | 'redispatch'; departmentId?: string; dueAt?: string },
  ): Promise<Ticket> {
    requireConvener(identity);
    return this.run(async (trx) => {
      const party = returnDisputeParty(input.decision);
      if (input.decision === 'reject') {
        return this.workflow.transition(
          trx,
          input.id,
          { identity },
          {
            action: 'review-return',
            command: () => ({ type: 'reject-return' }),
            note: { chargedTo: party },
          },
        );
      }
      const departmentId = input.departmentId!;
      await this.checkDepartments(trx, [departmentId]);
      const dueAt = this.explicitDueAt(input.dueAt) ?? (await this.defaultDueAt(trx, input.id));
      const responseDueAt = await this.responseDueAt(trx, input.id);
      return this.workflow.transition(
        trx,
        input.id,
        { identity },
        {
          action: 'review-return',
          command: () => ({ type: 'redispatch', departmentId, dueAt, responseDueAt }),
          note: { chargedTo: party, departmentId },
        },
      );
    });
  }

  resolve(identity: Identity, input: { id: string; resolution: string; basis?: string }) {
    return this.run((trx) => this.resolveIn(trx, { identity }, input));
  }

  /**
   * Resolves a ticket, also on behalf of another service (e.g. housing, when the talent accepts
   * an offer) in that event handler's transaction; waits for the requester's confirmation. A
   * ticket with beneficiary items still open is refused: each is resolved on its own first.
   */
  async resolveIn(
    trx: Transaction<TriageDB>,
    actor: Actor,
    input: { id: string; resolution: string; basis?: string },
  ): Promise<TicketRow> {
    const row = await lockTicket(trx, input.id);
    // Resolved after its deadline: the on-time rate counts it as late.
    const late = row?.due_at ? this.clock().getTime() > row.due_at.getTime() : false;
    const openItems = row ? await countOpenItems(trx, row.id) : 0;
    return this.workflow.transition(trx, input.id, actor, {
      action: 'resolve',
      command: () => ({ type: 'resolve', openItems }),
      changes: () => ({ resolution: input.resolution, resolution_basis: input.basis ?? null }),
      note: { resolution: input.resolution, ...(input.basis ? { basis: input.basis } : {}), late },
    });
  }

  confirm(
    identity: Identity,
    input: { id: string; solved: boolean; satisfaction: Satisfaction; comment?: string },
  ): Promise<Ticket> {
    return this.run(async (trx) => {
      const row = await this.workflow.transition(
        trx,
        input.id,
        { identity },
        {
          action: 'confirm',
          command: () => ({
            type: 'confirm',
            solved: input.solved,
            satisfaction: input.satisfaction,
          }),
          changes: () => ({ satisfaction: input.satisfaction }),
          note: {
            solved: input.solved,
            satisfaction: input.satisfaction,
            ...(input.comment ? { comment: input.comment } : {}),
          },
          notes: { escalated: { reason: 'redo' } },
        },
      );
      if (row.status === 'closed') await this.duplicates.closed(trx, row.id, { identity });
      return row;
    });
  }

  /**
   * 合并: folds a duplicate into another open ticket. Both rows are locked in id order (two
   * crossing merges cannot deadlock); the duplicate becomes `merged` with `mergedIntoId`, both
   * sides get a link (`merged-into` / `merged-from`) and the target a history entry.
   */
  merge(identity: Identity, input: { id: string; intoTicketId: string }): Promise<Ticket> {
    requireConvener(identity);
    if (input.id === input.intoTicketId) {
      throw AppError.invalid('a ticket cannot be merged into itself', [
        { path: 'intoTicketId', message: 'must be another ticket', code: 'ticket.merge-into-self' },
      ]);
    }
    return this.run(async (trx) => {
      const locked = new Map<string, TicketRow | undefined>();
      for (const id of [input.id, input.intoTicketId].sort()) {
        locked.set(id, await lockTicket(trx, id));
      }
      if (!locked.get(input.id)) throw AppError.notFound('ticket', input.id);
      const target = locked.get(input.intoTicketId);
      if (!target) {
        throw AppError.invalid('the target ticket does not exist', [
          {
            path: 'intoTicketId',
            message: `no ticket ${input.intoTicketId}`,
            code: 'ticket.merge-target-unknown',
          },
        ]);
      }
      if (!MERGE_TARGET_STATUSES.includes(target.status)) {
        throw AppError.conflict(
          `a ${target.status} ticket cannot take a merge`,
          'ticket-merge-target',
          [
            {
              path: 'intoTicketId',
              message: `the target must be open (${MERGE_TARGET_STATUSES.join(', ')})`,
              code: 'ticket.merge-target-closed',
              limit: MERGE_TARGET_STATUSES,
            },
          ],
        );
      }
      const merged = await this.workflow.transition(
        trx,
        input.id,
        { identity },
        {
          action: 'merge',
          command: () => ({ type: 'merge' }),
          changes: () => ({ merged_into_id: target.id }),
          note: { intoTicketId: target.id, intoNumber: target.number },
        },
      );
      await this.duplicates.merged(trx, {
        mergedId: merged.id,
        intoId: target.id,
        actor: { identity },
      });
      await addLink(trx, { ticket_id: merged.id, kind: 'merged-into', ref_id: target.id });
      await addLink(trx, { ticket_id: target.id, kind: 'merged-from', ref_id: merged.id });
      await this.workflow.record(
        trx,
        target,
        target,
        ['linked'],
        { identity },
        {
          note: { kind: 'merged-from', id: merged.id, number: merged.number },
        },
      );
      return merged;
    });
  }

  private async run(fn: (trx: Transaction<TriageDB>) => Promise<TicketRow>): Promise<Ticket> {
    return inTransaction(this.workflow.db, async (trx) =>
      this.workflow.present(trx, await fn(trx)),
    );
  }

  private explicitDueAt(dueAt: string | undefined): Date | undefined {
    if (dueAt === undefined) return undefined;
    const date = new Date(dueAt);
    if (date.getTime() <= this.clock().getTime()) {
      throw AppError.invalid('the deadline must be in the future', [
        { path: 'dueAt', message: 'must be in the future', code: 'ticket.due-in-past' },
      ]);
    }
    return date;
  }

  /** The category's default deadline: its working days from now, in Asia/Shanghai. */
  private async defaultDueAt(trx: Transaction<TriageDB>, ticketId: string): Promise<Date> {
    const ticket = await findTicket(trx, ticketId);
    if (!ticket) throw AppError.notFound('ticket', ticketId);
    const category = await findTicketCategory(trx, ticket.category);
    return this.calendar.deadline(this.clock(), category!.sla_working_days);
  }

  /** The response deadline of a dispatch now: the category's response working days from now. */
  private async responseDueAt(trx: Transaction<TriageDB>, ticketId: string): Promise<Date> {
    const ticket = await findTicket(trx, ticketId);
    if (!ticket) throw AppError.notFound('ticket', ticketId);
    return this.calendar.deadline(
      this.clock(),
      responseWorkingDaysOf(this.settings, ticket.category),
    );
  }

  /** The ticket's response deadline; for one dispatched before it was stored, from the dispatch. */
  private async responseDueAtOf(
    trx: Transaction<TriageDB>,
    row: TicketRow,
  ): Promise<Date | undefined> {
    if (row.response_due_at) return row.response_due_at;
    const dispatchedAt = await lastTransitionAt(trx, row.id, ['assigned', 'redispatched']);
    return dispatchedAt
      ? this.calendar.deadline(dispatchedAt, responseWorkingDaysOf(this.settings, row.category))
      : undefined;
  }

  private async checkDepartments(trx: Transaction<TriageDB>, ids: string[]): Promise<void> {
    const known = await existingDepartmentIds(trx, ids);
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw AppError.invalid(
        'unknown department',
        unknown.map((id) => ({
          path: ids.indexOf(id) === 0 ? 'departmentId' : 'assistingDepartmentIds',
          message: `no department ${id}`,
          code: 'ticket.unknown-department',
        })),
      );
    }
  }
}

/** A merge folds a duplicate into a ticket still being worked on (not closed, not merged itself). */
const MERGE_TARGET_STATUSES: readonly string[] = [
  'submitted',
  'assigned',
  'in-progress',
  'returned',
  'resolved',
];

function requireConvener(identity: Identity): void {
  if (!hasRole(identity, 'convener'))
    throw AppError.forbidden('only a convener dispatches tickets');
}
