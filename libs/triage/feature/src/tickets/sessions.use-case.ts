import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import { hasRole, type Identity } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { inTransaction } from '@gm/shared-db';
import type {
  AgendaOutcome,
  SessionMinutes,
  TicketStatus,
  TriageSession,
} from '@gm/triage-contracts';
import {
  appendToAgenda,
  existingDepartmentIds,
  findSession,
  findTicket,
  insertSession,
  listAgenda,
  listAgendaWithTickets,
  listDepartments,
  recordAgendaOutcome,
  type TriageDB,
} from '@gm/triage-data-access';
import { checkAgendaOutcome, renderMinutesMarkdown } from '@gm/triage-domain';
import { TicketWorkflow } from './ticket-workflow.js';
import { TRIAGE_CLOCK, type Clock } from './ticket-runtime.js';

/** 问诊会 sessions: a convener schedules one with the departments attending and sets its agenda. */
@Injectable()
export class SessionsUseCase {
  constructor(
    private readonly workflow: TicketWorkflow,
    @Inject(TRIAGE_CLOCK) private readonly clock: Clock,
  ) {}

  create(
    identity: Identity,
    input: { title: string; heldAt: string; departmentIds: string[] },
  ): Promise<TriageSession> {
    requireConvener(identity);
    return inTransaction(this.workflow.db, async (trx) => {
      const departmentIds = [...new Set(input.departmentIds)];
      const known = await existingDepartmentIds(trx, departmentIds);
      const unknown = departmentIds.filter((id) => !known.has(id));
      if (unknown.length > 0) {
        throw AppError.invalid(
          'unknown department',
          unknown.map((id) => ({
            path: `departmentIds.${input.departmentIds.indexOf(id)}`,
            message: `no department ${id}`,
            code: 'session.unknown-department',
          })),
        );
      }
      const id = randomUUID();
      await insertSession(trx, {
        id,
        title: input.title,
        held_at: new Date(input.heldAt),
        department_ids: departmentIds,
        convener_id: identity.id,
      });
      return this.load(trx, id);
    });
  }

  addToAgenda(identity: Identity, input: { id: string; ticketIds: string[] }) {
    requireConvener(identity);
    return inTransaction(this.workflow.db, async (trx) => {
      if (!(await findSession(trx, input.id))) throw AppError.notFound('session', input.id);
      const errors = [];
      for (const [i, ticketId] of input.ticketIds.entries()) {
        const ticket = await findTicket(trx, ticketId);
        if (!ticket) {
          errors.push({
            path: `ticketIds.${i}`,
            message: `no ticket ${ticketId}`,
            code: 'agenda.unknown-ticket',
          });
        } else if (ticket.status === 'closed' || ticket.status === 'merged') {
          errors.push({
            path: `ticketIds.${i}`,
            message: `ticket ${ticket.number} is ${ticket.status}`,
            code: 'agenda.ticket-finished',
          });
        }
      }
      if (errors.length > 0)
        throw AppError.invalid('these tickets cannot be on the agenda', errors);
      await appendToAgenda(trx, input.id, input.ticketIds);
      return this.load(trx, input.id);
    });
  }

  /** Records what the session decided on one of its agenda items; a later record replaces it. */
  recordOutcome(
    identity: Identity,
    input: { id: string; ticketId: string; outcome: AgendaOutcome; note?: string },
  ): Promise<TriageSession> {
    requireConvener(identity);
    return inTransaction(this.workflow.db, async (trx) => {
      if (!(await findSession(trx, input.id))) throw AppError.notFound('session', input.id);
      const ticket = await findTicket(trx, input.ticketId);
      if (ticket) checkAgendaOutcome(input.outcome, ticket.status as TicketStatus);
      const recorded =
        ticket !== undefined &&
        (await recordAgendaOutcome(trx, {
          sessionId: input.id,
          ticketId: input.ticketId,
          outcome: input.outcome,
          note: input.note ?? null,
          at: this.clock(),
        }));
      if (!recorded) {
        throw AppError.invalid('the ticket is not on the agenda', [
          {
            path: 'ticketId',
            message: `ticket ${input.ticketId} is not on this session's agenda`,
            code: 'agenda.ticket-not-on-agenda',
          },
        ]);
      }
      return this.load(trx, input.id);
    });
  }

  /** The minutes (纪要): for the convener and the officers of the departments attending. */
  async minutes(identity: Identity, id: string): Promise<SessionMinutes> {
    const db = this.workflow.db;
    const session = await findSession(db, id);
    if (!session) throw AppError.notFound('session', id);
    const attends =
      identity.roles.includes('department-officer') &&
      identity.departmentId !== undefined &&
      session.department_ids.includes(identity.departmentId);
    if (!hasRole(identity, 'convener') && !attends) {
      throw AppError.forbidden('only the convener and the departments attending read the minutes');
    }
    const [agenda, departments] = await Promise.all([
      listAgendaWithTickets(db, id),
      listDepartments(db),
    ]);
    const departmentNames = new Map(departments.map((d) => [d.id, d.name]));
    const attending = session.department_ids.map((deptId) => ({
      id: deptId,
      name: departmentNames.get(deptId) ?? deptId,
    }));
    const items = agenda.map((a) => ({
      position: a.position,
      ticketId: a.ticket_id,
      number: a.number,
      title: a.title,
      status: a.status,
      departmentId: a.department_id,
      outcome: a.outcome as AgendaOutcome | null,
      note: a.note,
      recordedAt: a.recorded_at?.toISOString() ?? null,
    }));
    return {
      sessionId: session.id,
      title: session.title,
      heldAt: session.held_at.toISOString(),
      convenerId: session.convener_id,
      departments: attending,
      items,
      markdown: renderMinutesMarkdown({
        title: session.title,
        heldAt: session.held_at,
        convenerId: session.convener_id,
        departments: attending,
        departmentNames,
        items,
      }),
    };
  }

  private async load(trx: Transaction<TriageDB>, id: string): Promise<TriageSession> {
    const session = await findSession(trx, id);
    if (!session) throw AppError.notFound('session', id);
    const agenda = await listAgenda(trx, id);
    return {
      id: session.id,
      title: session.title,
      heldAt: session.held_at.toISOString(),
      departmentIds: session.department_ids,
      convenerId: session.convener_id,
      agenda: agenda.map((a) => ({
        ticketId: a.ticket_id,
        position: a.position,
        outcome: a.outcome as AgendaOutcome | null,
        note: a.note,
      })),
      createdAt: session.created_at.toISOString(),
    };
  }
}

function requireConvener(identity: Identity): void {
  if (!hasRole(identity, 'convener'))
    throw AppError.forbidden('only a convener runs 问诊会 sessions');
}
