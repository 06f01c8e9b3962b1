import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import { Outbox } from '@gm/shared-messaging';
import { TicketDuplicateResolved, TicketDuplicateSuspected } from '@gm/triage-contracts';
import {
  findDuplicateCandidates,
  insertDuplicateSuggestions,
  lapseSuggestionsOf,
  lockIntakeOf,
  listBeneficiaries,
  resolveSuggestion,
  type TicketRow,
  type TriageDB,
} from '@gm/triage-data-access';
import { scoreDuplicate, type DuplicateSubject } from '@gm/triage-domain';
import { TRIAGE_SETTINGS, type TriageSettings } from '../config/triage-config.js';
import { TRIAGE_CLOCK, type Clock } from './ticket-runtime.js';
import { actorId, type Actor } from './ticket-workflow.js';

/**
 * 并单 suggestions, inside the transactions of the changes that make or settle them: at intake a
 * new ticket is scored against the newest open tickets of its category, and the pairs at or above
 * the threshold are stored with one `duplicate-suspected` event; a merge settles its pair and
 * lapses the other suggestions of the ticket merged away.
 */
@Injectable()
export class DuplicateSuggestions {
  constructor(
    private readonly outbox: Outbox,
    @Inject(TRIAGE_CLOCK) private readonly clock: Clock,
    @Inject(TRIAGE_SETTINGS) private readonly settings: TriageSettings,
  ) {}

  /** Scores a ticket just raised; returns how many suggestions it stored. */
  async detect(
    trx: Transaction<TriageDB>,
    ticket: TicketRow,
    items: DuplicateSubject['items'],
  ): Promise<number> {
    const { threshold, scanLimit, maxSuggestions } = this.settings.duplicates;
    // Two tickets raised at the same moment would otherwise each miss the other, uncommitted.
    await lockIntakeOf(trx, ticket.category);
    const candidates = await findDuplicateCandidates(trx, {
      category: ticket.category,
      excludeId: ticket.id,
      limit: scanLimit,
    });
    if (candidates.length === 0) return 0;
    // Beneficiaries only matter when the new ticket names some.
    const beneficiaries =
      items.length > 0
        ? await listBeneficiaries(
            trx,
            candidates.map((c) => c.id),
          )
        : [];
    const itemsOf = new Map<string, DuplicateSubject['items'][number][]>();
    for (const b of beneficiaries) {
      const list = itemsOf.get(b.ticket_id) ?? [];
      list.push({ beneficiaryName: b.beneficiary_name, reference: b.reference });
      itemsOf.set(b.ticket_id, list);
    }
    const subject: DuplicateSubject = {
      requesterId: ticket.requester_id,
      title: ticket.title,
      description: ticket.description,
      details: ticket.details,
      items,
    };
    const scored = candidates
      .map((candidate) => ({
        candidate,
        ...scoreDuplicate(subject, {
          requesterId: candidate.requester_id,
          title: candidate.title,
          description: candidate.description,
          details: candidate.details,
          items: itemsOf.get(candidate.id) ?? [],
        }),
      }))
      .filter((s) => s.score >= threshold)
      .sort((a, b) => b.score - a.score || a.candidate.number.localeCompare(b.candidate.number))
      .slice(0, maxSuggestions);
    if (scored.length === 0) return 0;
    const at = this.clock();
    await insertDuplicateSuggestions(
      trx,
      scored.map((s) => ({
        ticket_id: ticket.id,
        candidate_id: s.candidate.id,
        score: s.score,
        reasons: s.reasons,
        suggested_at: at,
      })),
    );
    await this.outbox.add(
      trx,
      TicketDuplicateSuspected,
      {
        ticketId: ticket.id,
        number: ticket.number,
        category: ticket.category,
        candidates: scored.map((s) => ({
          ticketId: s.candidate.id,
          number: s.candidate.number,
          score: s.score,
          reasons: s.reasons,
        })),
        at: at.toISOString(),
      },
      { subject: ticket.id },
    );
    return scored.length;
  }

  /** Settles the pair a convener merged; the merged ticket's other suggestions lapse. */
  async merged(
    trx: Transaction<TriageDB>,
    input: { mergedId: string; intoId: string; actor: Actor },
  ): Promise<void> {
    const at = this.clock();
    const by = actorId(input.actor);
    const settled = await resolveSuggestion(trx, input.mergedId, input.intoId, {
      status: 'merged',
      resolved_at: at,
      resolved_by: by,
      resolution_note: null,
    });
    if (settled)
      await this.resolved(trx, input.mergedId, input.intoId, 'merged', null, input.actor);
    await lapseSuggestionsOf(trx, input.mergedId, {
      resolved_at: at,
      resolved_by: by,
      resolution_note: `merged into ${input.intoId}`,
    });
  }

  /** A closed ticket is settled work: its open suggestions lapse rather than wait for ever. */
  async closed(trx: Transaction<TriageDB>, ticketId: string, actor: Actor): Promise<void> {
    await lapseSuggestionsOf(trx, ticketId, {
      resolved_at: this.clock(),
      resolved_by: actorId(actor),
      resolution_note: 'closed',
    });
  }

  /** The `duplicate-resolved` event of a pair. */
  async resolved(
    trx: Transaction<TriageDB>,
    ticketId: string,
    otherTicketId: string,
    resolution: 'dismissed' | 'merged',
    reason: string | null,
    actor: Actor,
  ): Promise<void> {
    await this.outbox.add(
      trx,
      TicketDuplicateResolved,
      {
        ticketId,
        otherTicketId,
        resolution,
        reason,
        actorId: actorId(actor),
        at: this.clock().toISOString(),
      },
      { subject: ticketId },
    );
  }
}
