import { Injectable, Logger } from '@nestjs/common';
import type { Transaction } from 'kysely';
import { stableId } from '@gm/shared-contracts';
import { AppError, type FieldError } from '@gm/shared-errors';
import {
  OnDurableEvent,
  Outbox,
  type CloudEvent,
  type DurableEventContext,
} from '@gm/shared-messaging';
import {
  ApplicationLinked,
  ApplicationLinkFailed,
  CreateApplicationSchema,
} from '@gm/housing-contracts';
import {
  addApplicationHistory,
  findApplicationOfTicket,
  findLiveApplicationOf,
  lockApplication,
  updateApplication,
  type HousingDB,
} from '@gm/housing-data-access';
import { TICKET_EVENTS, type TicketEventData } from '@gm/triage-contracts';
import { ApplicationsUseCase } from '../applications/applications.use-case.js';
import { toApplicationEventData } from '../applications/application.mapper.js';

export const HOUSING_DEPARTMENT_ID = stableId('department', 'housing');
const ACTOR = 'system:triage-handoff';

type LinkFailure = {
  reason: 'invalid-details' | 'ineligible' | 'linked-to-another-ticket';
  errors: FieldError[];
  applicationId: string | null;
};

/**
 * The housing side of the 问诊会 hand-off: a `housing` ticket assigned (or redispatched) to the
 * housing department opens the requester's application from the ticket's details, or links the
 * one already in play, and reports `application.linked` (or `application.link-failed`) back.
 * A ticket links at most one application (unique ticket_id): a second delivery changes nothing.
 */
@Injectable()
export class TicketHandoffHandler {
  private readonly logger = new Logger(TicketHandoffHandler.name);

  constructor(
    private readonly applications: ApplicationsUseCase,
    private readonly outbox: Outbox,
  ) {}

  @OnDurableEvent(TICKET_EVENTS.assigned, { durable: 'ticket-assigned-handoff' })
  async onAssigned(event: CloudEvent<TicketEventData>, { trx }: DurableEventContext) {
    await this.handOff(trx, event.data, new Date(event.time));
  }

  @OnDurableEvent(TICKET_EVENTS.redispatched, { durable: 'ticket-redispatched-handoff' })
  async onRedispatched(event: CloudEvent<TicketEventData>, { trx }: DurableEventContext) {
    await this.handOff(trx, event.data, new Date(event.time));
  }

  async handOff(trx: Transaction<HousingDB>, ticket: TicketEventData, now: Date): Promise<void> {
    if (ticket.category !== 'housing' || ticket.departmentId !== HOUSING_DEPARTMENT_ID) return;
    if (await findApplicationOfTicket(trx, ticket.ticketId)) return; // already opened or linked
    const parsed = CreateApplicationSchema.safeParse(ticket.details ?? {});
    if (!parsed.success) {
      return this.fail(trx, ticket, now, {
        reason: 'invalid-details',
        errors: parsed.error.issues.map((issue) => ({
          path: ['details', ...issue.path].join('.'),
          message: issue.message,
          code: `details.${issue.code}`,
        })),
        applicationId: null,
      });
    }
    const live = await findLiveApplicationOf(trx, ticket.requesterId);
    if (live) return this.link(trx, ticket, live.id, now);
    try {
      // The name comes from the details (`applicantName`); without one, the ticket's reference
      // stands in, as events carry no account names. The ticket's submission dates the application.
      await this.applications.open(trx, ticket.requesterId, ticket.number, parsed.data, {
        actorId: ACTOR,
        now,
        ticketId: ticket.ticketId,
        ...(ticket.submittedAt ? { submittedAt: new Date(ticket.submittedAt) } : {}),
      });
    } catch (error) {
      // Refused before any write (eligibility): report it; anything else is retried.
      if (error instanceof AppError && error.code === 'invalid-input') {
        return this.fail(trx, ticket, now, {
          reason: 'ineligible',
          errors: error.errors,
          applicationId: null,
        });
      }
      throw error;
    }
  }

  /** Links the requester's application already in play to the ticket. */
  private async link(
    trx: Transaction<HousingDB>,
    ticket: TicketEventData,
    applicationId: string,
    now: Date,
  ): Promise<void> {
    const row = (await lockApplication(trx, applicationId))!;
    if (row.ticket_id !== null) {
      return this.fail(trx, ticket, now, {
        reason: 'linked-to-another-ticket',
        errors: [
          {
            path: 'ticketId',
            message: 'the application in play already links another ticket',
            code: 'handoff.linked-to-another-ticket',
          },
        ],
        applicationId,
      });
    }
    const updated = await updateApplication(trx, applicationId, { ticket_id: ticket.ticketId });
    await addApplicationHistory(trx, {
      application_id: applicationId,
      action: 'linked-to-ticket',
      from_status: row.status,
      to_status: row.status,
      actor_id: ACTOR,
      note: `ticket ${ticket.number}`,
    });
    await this.outbox.add(
      trx,
      ApplicationLinked,
      { ...toApplicationEventData(updated, now), ticketId: ticket.ticketId, created: false },
      { subject: applicationId },
    );
  }

  private async fail(
    trx: Transaction<HousingDB>,
    ticket: TicketEventData,
    now: Date,
    failure: LinkFailure,
  ): Promise<void> {
    this.logger.warn(`ticket ${ticket.ticketId} not linked: ${failure.reason}`);
    await this.outbox.add(
      trx,
      ApplicationLinkFailed,
      {
        ticketId: ticket.ticketId,
        applicantId: ticket.requesterId,
        ...failure,
        at: now.toISOString(),
      },
      { subject: ticket.ticketId },
    );
  }
}
