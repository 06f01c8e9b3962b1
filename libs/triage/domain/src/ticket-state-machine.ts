import { AppError } from '@gm/shared-errors';
import type { Satisfaction, TicketStatus, TicketTransition } from '@gm/triage-contracts';

/** What the rules need to know about a ticket. */
export interface TicketState {
  status: TicketStatus;
  /** The lead department (主办), once assigned. */
  departmentId: string | null;
  assistingDepartmentIds: readonly string[];
  dueAt: Date | null;
  overdue: boolean;
  escalated: boolean;
  /** How many times the requester sent it back (重办). */
  redoCount: number;
  /** Sign-for and first contact are due by then (set at each dispatch). */
  responseDueAt?: Date | null;
  /** The first contact (首次联系) since the last dispatch. */
  contactedAt?: Date | null;
}

export type TicketCommand =
  | {
      type: 'assign';
      departmentId: string;
      assistingDepartmentIds: readonly string[];
      dueAt: Date;
      responseDueAt?: Date;
    }
  | { type: 'accept' }
  | { type: 'contact'; at: Date }
  | {
      type: 'return';
      /** The return window (退单时限) since the last dispatch; without it, no time limit. */
      window?: ReturnWindow;
    }
  | { type: 'reject-return' }
  | { type: 'redispatch'; departmentId: string; dueAt: Date; responseDueAt?: Date }
  | {
      type: 'resolve';
      /** Beneficiary items not settled yet: a ticket is resolved once all of them are. */
      openItems?: number;
    }
  | {
      type: 'resolve-items';
      /** How many items this settles (one history entry and event each). */
      items: number;
      /** They were the last open ones: the ticket resolves itself with a summary. */
      resolvesTicket: boolean;
    }
  | { type: 'confirm'; solved: boolean; satisfaction: Satisfaction }
  | { type: 'merge' }
  | { type: 'remind' }
  | { type: 'remind-contact' }
  | { type: 'flag-overdue'; now: Date }
  | { type: 'escalate' }
  | { type: 'request-extension' }
  | { type: 'refuse-extension' }
  | { type: 'extend'; dueAt: Date };

/** A department may return (退单) a dispatched ticket only until `closesAt`. */
export interface ReturnWindow {
  now: Date;
  closesAt: Date;
  /** The configured limit, in working days after the dispatch (for the error). */
  workingDays: number;
}

export type TicketCommandType = TicketCommand['type'];

export interface TransitionResult {
  state: TicketState;
  /** What happened, in order; each is a history entry and an event. */
  transitions: TicketTransition[];
}

/** Redos after which the ticket goes to the convener (督办): "unsatisfied again escalates". */
export const REDOS_BEFORE_ESCALATION = 2;

/** States in which a department is working on the ticket, or it waits on the convener. */
const ACTIVE: readonly TicketStatus[] = ['assigned', 'in-progress', 'returned'];

/** From which states each command may be given. */
export const ALLOWED_FROM: Readonly<Record<TicketCommandType, readonly TicketStatus[]>> = {
  assign: ['submitted'],
  accept: ['assigned'],
  contact: ['in-progress'],
  return: ['assigned', 'in-progress'],
  'reject-return': ['returned'],
  redispatch: ['returned'],
  resolve: ['in-progress'],
  'resolve-items': ['in-progress'],
  confirm: ['resolved'],
  merge: ['submitted', 'assigned', 'in-progress', 'returned'],
  remind: ACTIVE,
  'remind-contact': ['assigned', 'in-progress'],
  'flag-overdue': ACTIVE,
  escalate: ACTIVE,
  'request-extension': ['assigned', 'in-progress'],
  'refuse-extension': ['assigned', 'in-progress'],
  extend: ['assigned', 'in-progress'],
};

function refuse(state: TicketState, type: TicketCommandType, why?: string): never {
  throw AppError.conflict(
    why ?? `a ${state.status} ticket cannot take "${type}"`,
    'ticket-transition',
    [
      {
        path: 'status',
        message: why ?? `allowed from: ${ALLOWED_FROM[type].join(', ')}`,
        code: 'ticket.transition-refused',
        limit: ALLOWED_FROM[type],
      },
    ],
  );
}

/** The commands a ticket in this state may take (for clients; rules of the actor aside). */
export function allowedCommands(state: TicketState): TicketCommandType[] {
  return (Object.keys(ALLOWED_FROM) as TicketCommandType[]).filter((type) =>
    ALLOWED_FROM[type].includes(state.status),
  );
}

/**
 * Applies one command to a ticket: the next state and what happened, or a `conflict` AppError
 * (`ticket.transition-refused`) when the current state does not allow it. Pure.
 */
export function applyTicketCommand(state: TicketState, command: TicketCommand): TransitionResult {
  if (!ALLOWED_FROM[command.type].includes(state.status)) refuse(state, command.type);
  switch (command.type) {
    case 'assign':
      return {
        state: {
          ...state,
          status: 'assigned',
          departmentId: command.departmentId,
          assistingDepartmentIds: command.assistingDepartmentIds.filter(
            (id) => id !== command.departmentId,
          ),
          dueAt: command.dueAt,
          overdue: false,
          responseDueAt: command.responseDueAt ?? null,
          contactedAt: null,
        },
        transitions: ['assigned'],
      };
    case 'accept':
      return { state: { ...state, status: 'in-progress' }, transitions: ['accepted'] };
    case 'contact':
      // Every contact is recorded; the first since the dispatch is the one the response rate reads.
      return {
        state: { ...state, contactedAt: state.contactedAt ?? command.at },
        transitions: ['contacted'],
      };
    case 'return':
      if (command.window && command.window.now.getTime() > command.window.closesAt.getTime()) {
        const { closesAt, workingDays } = command.window;
        throw AppError.conflict(
          `the return window closed at ${closesAt.toISOString()}`,
          'ticket-return-window',
          [
            {
              path: 'status',
              message: `a ticket may be returned within ${workingDays} working day(s) of its dispatch`,
              code: 'ticket.return-window-closed',
              limit: { workingDays, closesAt: closesAt.toISOString() },
            },
          ],
        );
      }
      return { state: { ...state, status: 'returned' }, transitions: ['returned'] };
    case 'reject-return':
      return { state: { ...state, status: 'in-progress' }, transitions: ['return-rejected'] };
    case 'redispatch':
      if (command.departmentId === state.departmentId) {
        refuse(state, command.type, 'a redispatch goes to another department');
      }
      return {
        state: {
          ...state,
          status: 'assigned',
          departmentId: command.departmentId,
          assistingDepartmentIds: state.assistingDepartmentIds.filter(
            (id) => id !== command.departmentId,
          ),
          dueAt: command.dueAt,
          overdue: false,
          responseDueAt: command.responseDueAt ?? null,
          contactedAt: null,
        },
        transitions: ['redispatched'],
      };
    case 'resolve':
      if (command.openItems) refuseOpenItems(command.openItems);
      return { state: { ...state, status: 'resolved' }, transitions: ['resolved'] };
    case 'resolve-items': {
      const settled: TicketTransition[] = Array.from(
        { length: command.items },
        () => 'item-resolved',
      );
      return command.resolvesTicket
        ? { state: { ...state, status: 'resolved' }, transitions: [...settled, 'resolved'] }
        : { state, transitions: settled };
    }
    case 'confirm': {
      if (command.solved && command.satisfaction !== 'unsatisfied') {
        return { state: { ...state, status: 'closed' }, transitions: ['closed'] };
      }
      const redoCount = state.redoCount + 1;
      const escalate = redoCount >= REDOS_BEFORE_ESCALATION && !state.escalated;
      return {
        state: {
          ...state,
          status: 'in-progress',
          redoCount,
          escalated: state.escalated || escalate,
        },
        transitions: escalate ? ['redo', 'escalated'] : ['redo'],
      };
    }
    case 'merge':
      return { state: { ...state, status: 'merged' }, transitions: ['merged'] };
    case 'remind':
      if (state.overdue) refuse(state, command.type, 'an overdue ticket is past reminding');
      return { state, transitions: ['reminded'] };
    case 'remind-contact':
      if (state.contactedAt) refuse(state, command.type, 'the requester was contacted already');
      return { state, transitions: ['reminded'] };
    case 'flag-overdue':
      if (state.overdue) refuse(state, command.type, 'the ticket is already flagged overdue');
      if (!state.dueAt || command.now.getTime() <= state.dueAt.getTime()) {
        refuse(state, command.type, 'the ticket is not past its deadline');
      }
      return { state: { ...state, overdue: true }, transitions: ['overdue'] };
    case 'escalate':
      if (state.escalated) refuse(state, command.type, 'the ticket is already escalated');
      return { state: { ...state, escalated: true }, transitions: ['escalated'] };
    case 'request-extension':
      return { state, transitions: ['extension-requested'] };
    case 'refuse-extension':
      return { state, transitions: ['extension-refused'] };
    case 'extend':
      if (state.dueAt && command.dueAt.getTime() <= state.dueAt.getTime()) {
        refuse(state, command.type, 'an extension moves the deadline later');
      }
      return {
        state: { ...state, dueAt: command.dueAt, overdue: false },
        transitions: ['extension-approved'],
      };
  }
}

function refuseOpenItems(open: number): never {
  throw AppError.conflict(
    `${open} item(s) of this ticket are still open: resolve each beneficiary's item first`,
    'ticket-items-open',
    [
      {
        path: 'items',
        message: `${open} item(s) still open`,
        code: 'ticket.items-open',
        limit: { open },
      },
    ],
  );
}

/**
 * Who the time a returned ticket spent waiting for review counts against: a rejected return was
 * the department's to keep (its delay), a redispatch means the dispatch was wrong.
 */
export function returnDisputeParty(decision: 'reject' | 'redispatch'): 'department' | 'dispatch' {
  return decision === 'reject' ? 'department' : 'dispatch';
}
