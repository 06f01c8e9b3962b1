import { Inject, Injectable } from '@nestjs/common';
import { hasRole, type Identity } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { inTransaction, type Executor } from '@gm/shared-db';
import {
  DuplicateReasonSchema,
  type DuplicateList,
  type DuplicateSuggestionStatus,
  type TicketStatus,
} from '@gm/triage-contracts';
import {
  findTicket,
  listDuplicateSuggestions,
  lockSuggestion,
  resolveSuggestion,
  type TriageDB,
} from '@gm/triage-data-access';
import { authoriseTicketAction, canViewTicket } from '@gm/triage-domain';
import { DuplicateSuggestions } from './duplicate-suggestions.js';
import { partiesOf, TicketWorkflow } from './ticket-workflow.js';
import { TRIAGE_CLOCK, type Clock } from './ticket-runtime.js';

const ReasonsSchema = DuplicateReasonSchema.array();

/**
 * 并单 suggestions of a ticket: conveners see them all and dismiss those that are different
 * problems; officers of the ticket's departments see those whose other ticket they may see too.
 */
@Injectable()
export class DuplicatesUseCase {
  constructor(
    private readonly workflow: TicketWorkflow,
    private readonly suggestions: DuplicateSuggestions,
    @Inject(TRIAGE_CLOCK) private readonly clock: Clock,
  ) {}

  async list(identity: Identity, id: string): Promise<DuplicateList> {
    const row = await findTicket(this.workflow.db, id);
    if (!row) throw AppError.notFound('ticket', id);
    authoriseTicketAction(identity, 'view-duplicates', partiesOf(row));
    return this.load(this.workflow.db, identity, id);
  }

  /** The pair stays as two tickets: its suggestion is settled as `dismissed`, with an event. */
  dismiss(
    identity: Identity,
    input: { id: string; otherId: string; reason?: string },
  ): Promise<DuplicateList> {
    if (!hasRole(identity, 'convener')) {
      throw AppError.forbidden('only a convener dismisses duplicate suggestions');
    }
    return inTransaction(this.workflow.db, async (trx) => {
      const row = await findTicket(trx, input.id);
      if (!row) throw AppError.notFound('ticket', input.id);
      const suggestion = await lockSuggestion(trx, input.id, input.otherId);
      if (!suggestion) {
        throw new AppError(
          'not-found',
          `no duplicate suggestion pairs ticket ${input.id} with ${input.otherId}`,
        );
      }
      if (suggestion.status !== 'open') {
        throw AppError.conflict(`the suggestion is ${suggestion.status} already`, undefined, [
          {
            path: 'otherId',
            message: `settled ${suggestion.resolved_at?.toISOString() ?? ''} by ${suggestion.resolved_by ?? 'unknown'}`,
            code: 'duplicate.already-settled',
            limit: suggestion.status,
          },
        ]);
      }
      const reason = input.reason ?? null;
      await resolveSuggestion(trx, input.id, input.otherId, {
        status: 'dismissed',
        resolved_at: this.clock(),
        resolved_by: identity.id,
        resolution_note: reason,
      });
      await this.suggestions.resolved(trx, input.id, input.otherId, 'dismissed', reason, {
        identity,
      });
      return this.load(trx, identity, input.id);
    });
  }

  private async load(
    db: Executor<TriageDB>,
    identity: Identity,
    id: string,
  ): Promise<DuplicateList> {
    const rows = await listDuplicateSuggestions(db, id);
    return {
      ticketId: id,
      items: rows
        // An officer sees a pair only where it may see the other ticket too.
        .filter((r) =>
          canViewTicket(identity, {
            requesterId: r.other_requester_id,
            departmentId: r.other_department_id,
            assistingDepartmentIds: r.other_assisting_department_ids,
          }),
        )
        .map((r) => ({
          ticket: {
            id: r.other_id,
            number: r.other_number,
            title: r.other_title,
            status: r.other_status as TicketStatus,
            departmentId: r.other_department_id,
          },
          score: r.score,
          reasons: ReasonsSchema.parse(r.reasons),
          status: r.status as DuplicateSuggestionStatus,
          suggestedAt: r.suggested_at.toISOString(),
          resolvedAt: r.resolved_at?.toISOString() ?? null,
          resolvedBy: r.resolved_by,
        })),
    };
  }
}
