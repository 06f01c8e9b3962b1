import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import { hasRole, type Identity } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { inTransaction } from '@gm/shared-db';
import type { TriageSession } from '@gm/triage-contracts';
import {
  appendToAgenda,
  existingDepartmentIds,
  findSession,
  findTicket,
  insertSession,
  listAgenda,
  type TriageDB,
} from '@gm/triage-data-access';
import { TicketWorkflow } from './ticket-workflow.js';

/** 问诊会 sessions: a convener schedules one with the departments attending and sets its agenda. */
@Injectable()
export class SessionsUseCase {
  constructor(private readonly workflow: TicketWorkflow) {}

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
        outcome: a.outcome as 'assigned' | 'answered' | 'deferred' | null,
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
