import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import { hasRole, type Identity } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { inTransaction } from '@gm/shared-db';
import type { Ticket } from '@gm/triage-contracts';
import {
  closeExtensionRequest,
  findPendingExtension,
  insertExtensionRequest,
  lapseOtherDepartmentsExtensions,
  lockTicket,
  type TicketRow,
  type TriageDB,
} from '@gm/triage-data-access';
import { type WorkingCalendar } from '@gm/triage-domain';
import { TicketWorkflow } from './ticket-workflow.js';
import { TRIAGE_CLOCK, WORKING_CALENDAR, type Clock } from './ticket-runtime.js';

/**
 * 延期: the lead department asks for more working days with a reason; the convener approves (the
 * deadline moves by those working days from the current one) or refuses. One request of a ticket
 * waits at a time. Each step is a history entry and an event its requester is told of live.
 */
@Injectable()
export class ExtensionsUseCase {
  constructor(
    private readonly workflow: TicketWorkflow,
    @Inject(WORKING_CALENDAR) private readonly calendar: WorkingCalendar,
    @Inject(TRIAGE_CLOCK) private readonly clock: Clock,
  ) {}

  request(
    identity: Identity,
    input: { id: string; workingDays: number; reason: string },
  ): Promise<Ticket> {
    return inTransaction(this.workflow.db, async (trx) => {
      const row = await lockTicket(trx, input.id);
      const pending = row ? await this.pendingOf(trx, row) : undefined;
      const updated = await this.workflow.transition(
        trx,
        input.id,
        { identity },
        {
          action: 'request-extension',
          command: () => {
            // Authorised and in a state that may ask by now (the workflow checks first).
            if (pending) {
              throw AppError.conflict(
                'an extension request of this ticket awaits review',
                'extension-pending',
                [
                  {
                    path: 'id',
                    message: `requested ${pending.requested_at.toISOString()} for ${pending.working_days} working day(s)`,
                    code: 'extension.already-pending',
                  },
                ],
              );
            }
            return { type: 'request-extension' };
          },
          note: {
            workingDays: input.workingDays,
            reason: input.reason,
            requestedBy: identity.id,
          },
        },
      );
      await insertExtensionRequest(trx, {
        id: randomUUID(),
        ticket_id: updated.id,
        requester_id: identity.id,
        department_id: updated.department_id!,
        working_days: input.workingDays,
        reason: input.reason,
        due_at_before: updated.due_at,
        requested_at: this.clock(),
        status: 'pending',
      });
      return this.workflow.present(trx, updated);
    });
  }

  review(
    identity: Identity,
    input: { id: string; decision: 'approve' | 'refuse'; note?: string },
  ): Promise<Ticket> {
    if (!hasRole(identity, 'convener')) {
      throw AppError.forbidden('only a convener reviews extension requests');
    }
    return inTransaction(this.workflow.db, async (trx) => {
      const row = await lockTicket(trx, input.id);
      if (!row) throw AppError.notFound('ticket', input.id);
      const pending = await this.pendingOf(trx, row);
      if (!pending) {
        throw AppError.conflict('no extension request of this ticket awaits review', undefined, [
          {
            path: 'id',
            message: 'the lead department has not asked for an extension',
            code: 'extension.none-pending',
          },
        ]);
      }
      const approve = input.decision === 'approve';
      // From the current deadline (an overdue ticket's too); without one, from now.
      const dueAt = this.calendar.deadline(row.due_at ?? this.clock(), pending.working_days);
      const note = {
        decision: input.decision,
        workingDays: pending.working_days,
        reason: pending.reason,
        requestedBy: pending.requester_id,
        ...(input.note ? { note: input.note } : {}),
        ...(approve ? { dueAtBefore: row.due_at?.toISOString() ?? null } : {}),
      };
      const updated = await this.workflow.transition(
        trx,
        input.id,
        { identity },
        {
          action: 'review-extension',
          command: () => (approve ? { type: 'extend', dueAt } : { type: 'refuse-extension' }),
          note,
        },
      );
      await closeExtensionRequest(trx, pending.id, {
        status: approve ? 'approved' : 'refused',
        reviewer_id: identity.id,
        review_note: input.note ?? null,
        reviewed_at: this.clock(),
        due_at_after: approve ? updated.due_at : null,
      });
      return this.workflow.present(trx, updated);
    });
  }

  /** The current lead department's pending request; those of earlier departments lapse. */
  private async pendingOf(trx: Transaction<TriageDB>, row: TicketRow) {
    await lapseOtherDepartmentsExtensions(trx, row.id, row.department_id, this.clock());
    return findPendingExtension(trx, row.id, row.department_id);
  }
}
