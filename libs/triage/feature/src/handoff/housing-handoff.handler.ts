import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Transaction } from 'kysely';
import {
  ApplicationLinked,
  ApplicationLinkFailed,
  OfferAccepted,
  type OfferEventData,
} from '@gm/housing-contracts';
import { OnDurableEvent, type CloudEvent, type DurableEventContext } from '@gm/shared-messaging';
import {
  addLink,
  lastTransitionAt,
  listLinks,
  lockTicket,
  type TicketRow,
  type TriageDB,
} from '@gm/triage-data-access';
import type { WorkingCalendar } from '@gm/triage-domain';
import type { z } from 'zod';
import {
  responseWorkingDaysOf,
  TRIAGE_SETTINGS,
  type TriageSettings,
} from '../config/triage-config.js';
import { TicketCommandsUseCase } from '../tickets/ticket-commands.use-case.js';
import { TRIAGE_CLOCK, WORKING_CALENDAR, type Clock } from '../tickets/ticket-runtime.js';
import { TicketWorkflow, type Actor } from '../tickets/ticket-workflow.js';

export const HOUSING_APPLICATION_LINK = 'housing-application';
const HOUSING: Actor = { system: 'housing' };

type Linked = z.output<typeof ApplicationLinked.data>;
type LinkFailed = z.output<typeof ApplicationLinkFailed.data>;

/** The resolution a ticket gets when its talent accepts a housing offer: names the unit. */
export function housingResolution(offer: OfferEventData): string {
  return (
    `已接受人才房 ${offer.projectName} ${offer.unitCode} / ` +
    `accepted talent housing unit ${offer.unitCode} at ${offer.projectNameEn}`
  );
}

/**
 * The triage side of the housing hand-off: records the application housing opened or linked for
 * a ticket, records why it could not, and resolves the ticket by itself when the talent accepts
 * an offer. Each effect happens once: links are unique, a resolved ticket is left alone, and the
 * offer event carries the ticket and the unit, so it works before the link arrives too.
 */
@Injectable()
export class HousingHandoffHandler {
  private readonly logger = new Logger(HousingHandoffHandler.name);

  constructor(
    private readonly workflow: TicketWorkflow,
    private readonly commands: TicketCommandsUseCase,
    @Inject(WORKING_CALENDAR) private readonly calendar: WorkingCalendar,
    @Inject(TRIAGE_CLOCK) private readonly clock: Clock,
    @Inject(TRIAGE_SETTINGS) private readonly settings: TriageSettings,
  ) {}

  @OnDurableEvent(ApplicationLinked, { durable: 'housing-application-linked' })
  async onLinked(event: CloudEvent<Linked>, { trx }: DurableEventContext): Promise<void> {
    const row = await lockTicket(trx, event.data.ticketId);
    if (!row) return this.unknownTicket(event.data.ticketId);
    await this.link(trx, row, event.data.applicationId, { created: event.data.created });
  }

  @OnDurableEvent(ApplicationLinkFailed, { durable: 'housing-application-link-failed' })
  async onLinkFailed(event: CloudEvent<LinkFailed>, { trx }: DurableEventContext): Promise<void> {
    const row = await lockTicket(trx, event.data.ticketId);
    if (!row) return this.unknownTicket(event.data.ticketId);
    await this.workflow.record(trx, row, row, ['handoff-failed'], HOUSING, {
      note: {
        source: 'housing',
        reason: event.data.reason,
        errors: event.data.errors,
        ...(event.data.applicationId ? { applicationId: event.data.applicationId } : {}),
      },
    });
  }

  @OnDurableEvent(OfferAccepted, { durable: 'housing-offer-accepted' })
  async onOfferAccepted(
    event: CloudEvent<OfferEventData>,
    { trx }: DurableEventContext,
  ): Promise<void> {
    const offer = event.data;
    if (!offer.ticketId) return;
    let row = await lockTicket(trx, offer.ticketId);
    if (!row) return this.unknownTicket(offer.ticketId);
    // Offer before link (reordered events): the offer names the application, link it now.
    await this.link(trx, row, offer.applicationId, {});
    if (['resolved', 'closed'].includes(row.status)) return; // resolved already: nothing twice
    if (row.status === 'assigned') row = await this.signFor(trx, row);
    if (row.status !== 'in-progress') {
      await this.workflow.record(trx, row, row, ['handoff-failed'], HOUSING, {
        note: {
          source: 'housing',
          reason: 'resolve-refused',
          offerId: offer.offerId,
          resolution: housingResolution(offer),
        },
      });
      return;
    }
    await this.commands.resolveIn(trx, HOUSING, {
      id: row.id,
      resolution: housingResolution(offer),
      basis: `housing offer ${offer.offerId} accepted`,
    });
  }

  /** Adds the `housing-application` link and its history entry, unless the ticket has it. */
  private async link(
    trx: Transaction<TriageDB>,
    row: TicketRow,
    applicationId: string,
    note: Record<string, unknown>,
  ): Promise<void> {
    const links = await listLinks(trx, row.id);
    if (links.some((l) => l.kind === HOUSING_APPLICATION_LINK && l.ref_id === applicationId)) {
      return;
    }
    await addLink(trx, {
      ticket_id: row.id,
      kind: HOUSING_APPLICATION_LINK,
      ref_id: applicationId,
    });
    await this.workflow.record(trx, row, row, ['linked'], HOUSING, {
      note: { kind: HOUSING_APPLICATION_LINK, id: applicationId, ...note },
    });
  }

  /** 签收 by the system for a department that had not signed for the ticket yet. */
  private async signFor(trx: Transaction<TriageDB>, row: TicketRow): Promise<TicketRow> {
    const dispatchedAt = row.response_due_at
      ? undefined
      : await lastTransitionAt(trx, row.id, ['assigned', 'redispatched']);
    const responseDueAt =
      row.response_due_at ??
      (dispatchedAt
        ? this.calendar.deadline(dispatchedAt, responseWorkingDaysOf(this.settings, row.category))
        : undefined);
    return this.workflow.transition(trx, row.id, HOUSING, {
      action: null,
      command: () => ({ type: 'accept' }),
      note: {
        reason: 'housing offer accepted',
        ...(responseDueAt
          ? {
              late: this.clock().getTime() > responseDueAt.getTime(),
              responseDueAt: responseDueAt.toISOString(),
            }
          : {}),
      },
    });
  }

  private unknownTicket(ticketId: string): void {
    this.logger.warn(`housing hand-off for unknown ticket ${ticketId}: ignored`);
  }
}
