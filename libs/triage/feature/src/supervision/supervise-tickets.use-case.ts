import { Inject, Injectable } from '@nestjs/common';
import { inTransaction } from '@gm/shared-db';
import {
  claimDueActions,
  findTicketsToPlan,
  findTicketsToPlanContactReminder,
  insertSupervisionActions,
  lockTicket,
  markActionDone,
} from '@gm/triage-data-access';
import {
  decideSupervision,
  planContactReminder,
  planSupervision,
  type WorkingCalendar,
} from '@gm/triage-domain';
import { TRIAGE_SETTINGS, type TriageSettings } from '../config/triage-config.js';
import { TRIAGE_CLOCK, WORKING_CALENDAR, type Clock } from '../tickets/ticket-runtime.js';
import { stateOf, TicketWorkflow } from '../tickets/ticket-workflow.js';

export interface SupervisionRun {
  /** Rungs written for new deadlines. */
  planned: number;
  /** Rungs that changed a ticket (reminded, flagged overdue, escalated), each with its event. */
  applied: number;
  /** Rungs that lapsed: the ticket moved on, or got another deadline. */
  lapsed: number;
}

/** Who the history and events name for the scheduler's changes. */
export const SUPERVISION_ACTOR = { system: 'supervision' } as const;

/**
 * 督办: reminders before a deadline, the overdue flag after it, escalation to the convener, and
 * a reminder before the response deadline while the first contact is missing. The
 * ladder lives in `supervision_actions`, one row per (ticket, rung, deadline), written from the
 * tickets themselves, so a restart resumes where it stopped. Due rows are claimed FOR UPDATE SKIP
 * LOCKED in the transaction that changes the ticket, writes its history and outbox event and marks
 * the row done: with many replicas, each rung happens once.
 */
@Injectable()
export class SuperviseTicketsUseCase {
  constructor(
    private readonly workflow: TicketWorkflow,
    @Inject(WORKING_CALENDAR) private readonly calendar: WorkingCalendar,
    @Inject(TRIAGE_CLOCK) private readonly clock: Clock,
    @Inject(TRIAGE_SETTINGS) private readonly settings: TriageSettings,
  ) {}

  async execute(): Promise<SupervisionRun> {
    const planned = await this.plan();
    const run: SupervisionRun = { planned, applied: 0, lapsed: 0 };
    const { batchSize } = this.settings.supervision;
    for (;;) {
      const claimed = await inTransaction(this.workflow.db, async (trx) => {
        const now = this.clock();
        const actions = await claimDueActions(trx, now, batchSize);
        for (const action of actions) {
          const row = await lockTicket(trx, action.ticket_id);
          const decision = row
            ? decideSupervision(stateOf(row), action, now)
            : { skip: 'ticket gone' };
          if ('apply' in decision) {
            await this.workflow.transition(trx, action.ticket_id, SUPERVISION_ACTOR, {
              action: null,
              command: () => decision.apply,
              note: {
                rung: action.kind,
                // For `contact-remind`, the response deadline (签收 and 首次联系).
                deadline: action.deadline.toISOString(),
                ...(action.kind === 'escalate' ? { to: 'convener' } : {}),
              },
            });
            run.applied++;
          } else {
            run.lapsed++;
          }
          await markActionDone(
            trx,
            action.id,
            now,
            'apply' in decision ? 'done' : `lapsed: ${decision.skip}`,
          );
        }
        return actions.length;
      });
      if (claimed < batchSize) return run;
    }
  }

  /** Writes the ladder of every open ticket whose current deadline has none yet. */
  private async plan(): Promise<number> {
    const { batchSize } = this.settings.supervision;
    let planned = 0;
    for (;;) {
      const tickets = await findTicketsToPlan(this.workflow.db, batchSize);
      planned += await insertSupervisionActions(
        this.workflow.db,
        tickets.flatMap((ticket) =>
          planSupervision(ticket.due_at, this.settings.supervision, this.calendar).map((rung) => ({
            ticket_id: ticket.id,
            kind: rung.kind,
            due_at: rung.dueAt,
            deadline: ticket.due_at,
          })),
        ),
      );
      if (tickets.length < batchSize) break;
    }
    for (;;) {
      const tickets = await findTicketsToPlanContactReminder(this.workflow.db, batchSize);
      const rows = tickets.flatMap((ticket) =>
        planContactReminder(ticket.response_due_at, this.settings.supervision, this.calendar).map(
          (rung) => ({
            ticket_id: ticket.id,
            kind: rung.kind,
            due_at: rung.dueAt,
            deadline: ticket.response_due_at,
          }),
        ),
      );
      planned += await insertSupervisionActions(this.workflow.db, rows);
      // With reminders off nothing is written, so the same tickets would come back: stop.
      if (tickets.length < batchSize || rows.length === 0) return planned;
    }
  }
}
