import { describe, expect, it } from '@jest/globals';
import { AppError } from '@gm/shared-errors';
import { TICKET_STATUSES, type TicketStatus } from '@gm/triage-contracts';
import {
  ALLOWED_FROM,
  allowedCommands,
  applyTicketCommand,
  returnDisputeParty,
  type TicketCommand,
  type TicketCommandType,
  type TicketState,
} from './ticket-state-machine.js';

const HOUSING = '00000000-0000-4000-8000-000000000001';
const TRAFFIC = '00000000-0000-4000-8000-000000000002';
const SCIENCE = '00000000-0000-4000-8000-000000000003';
const DUE = new Date('2026-03-10T15:59:59.999Z');
const LATER = new Date('2026-03-20T15:59:59.999Z');

const ticket = (status: TicketStatus, patch: Partial<TicketState> = {}): TicketState => ({
  status,
  departmentId: status === 'submitted' ? null : HOUSING,
  assistingDepartmentIds: [],
  dueAt: status === 'submitted' ? null : DUE,
  overdue: false,
  escalated: false,
  redoCount: 0,
  ...patch,
});

/** One well-formed command of each type. */
const COMMANDS: Record<TicketCommandType, TicketCommand> = {
  assign: { type: 'assign', departmentId: HOUSING, assistingDepartmentIds: [SCIENCE], dueAt: DUE },
  accept: { type: 'accept' },
  contact: { type: 'contact', at: DUE },
  return: { type: 'return' },
  'reject-return': { type: 'reject-return' },
  redispatch: { type: 'redispatch', departmentId: TRAFFIC, dueAt: LATER },
  resolve: { type: 'resolve' },
  'resolve-items': { type: 'resolve-items', items: 2, resolvesTicket: false },
  confirm: { type: 'confirm', solved: true, satisfaction: 'satisfied' },
  merge: { type: 'merge' },
  remind: { type: 'remind' },
  'remind-contact': { type: 'remind-contact' },
  'flag-overdue': { type: 'flag-overdue', now: new Date(DUE.getTime() + 1) },
  escalate: { type: 'escalate' },
  'request-extension': { type: 'request-extension' },
  'refuse-extension': { type: 'refuse-extension' },
  extend: { type: 'extend', dueAt: LATER },
};

const EXPECTED: Record<TicketCommandType, Partial<Record<TicketStatus, TicketStatus>>> = {
  assign: { submitted: 'assigned' },
  accept: { assigned: 'in-progress' },
  contact: { 'in-progress': 'in-progress' },
  return: { assigned: 'returned', 'in-progress': 'returned' },
  'reject-return': { returned: 'in-progress' },
  redispatch: { returned: 'assigned' },
  resolve: { 'in-progress': 'resolved' },
  'resolve-items': { 'in-progress': 'in-progress' },
  confirm: { resolved: 'closed' },
  merge: {
    submitted: 'merged',
    assigned: 'merged',
    'in-progress': 'merged',
    returned: 'merged',
  },
  remind: { assigned: 'assigned', 'in-progress': 'in-progress', returned: 'returned' },
  'remind-contact': { assigned: 'assigned', 'in-progress': 'in-progress' },
  'flag-overdue': { assigned: 'assigned', 'in-progress': 'in-progress', returned: 'returned' },
  escalate: { assigned: 'assigned', 'in-progress': 'in-progress', returned: 'returned' },
  'request-extension': { assigned: 'assigned', 'in-progress': 'in-progress' },
  'refuse-extension': { assigned: 'assigned', 'in-progress': 'in-progress' },
  extend: { assigned: 'assigned', 'in-progress': 'in-progress' },
};

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

describe('ticket state machine', () => {
  const cases = (Object.keys(COMMANDS) as TicketCommandType[]).flatMap((type) =>
    TICKET_STATUSES.map((status) => [type, status] as const),
  );

  it.each(cases)('%s from %s is allowed exactly where the table says', (type, status) => {
    const target = EXPECTED[type][status];
    const run = () => applyTicketCommand(ticket(status), COMMANDS[type]);
    if (target === undefined) {
      const error = refusal(run);
      expect(error).toBeInstanceOf(AppError);
      expect(error.code).toBe('conflict');
      expect(error.errors[0]).toMatchObject({ code: 'ticket.transition-refused' });
    } else {
      expect(run().state.status).toBe(target);
    }
  });

  it('lists the allowed commands of each state from the same table', () => {
    expect(allowedCommands(ticket('resolved'))).toEqual(['confirm']);
    expect(allowedCommands(ticket('closed'))).toEqual([]);
    expect(allowedCommands(ticket('merged'))).toEqual([]);
    for (const type of allowedCommands(ticket('returned')))
      expect(ALLOWED_FROM[type]).toContain('returned');
  });

  it('assigns a lead department, assisting departments without the lead, and a deadline', () => {
    const { state, transitions } = applyTicketCommand(ticket('submitted'), {
      type: 'assign',
      departmentId: HOUSING,
      assistingDepartmentIds: [HOUSING, SCIENCE],
      dueAt: DUE,
    });
    expect(transitions).toEqual(['assigned']);
    expect(state).toMatchObject({
      departmentId: HOUSING,
      assistingDepartmentIds: [SCIENCE],
      dueAt: DUE,
    });
  });

  it('redispatches only to another department, with a fresh deadline and no overdue flag', () => {
    const returned = ticket('returned', { overdue: true });
    const { state, transitions } = applyTicketCommand(returned, COMMANDS.redispatch);
    expect(transitions).toEqual(['redispatched']);
    expect(state).toMatchObject({ departmentId: TRAFFIC, dueAt: LATER, overdue: false });
    expect(() =>
      applyTicketCommand(returned, { type: 'redispatch', departmentId: HOUSING, dueAt: LATER }),
    ).toThrow('another department');
  });

  describe('response: sign-for and first contact (首次联系)', () => {
    const RESPONSE_DUE = new Date('2026-03-03T15:59:59.999Z');

    it('sets the response deadline at each dispatch and clears the contact of the last one', () => {
      const assigned = applyTicketCommand(ticket('submitted'), {
        type: 'assign',
        departmentId: HOUSING,
        assistingDepartmentIds: [],
        dueAt: DUE,
        responseDueAt: RESPONSE_DUE,
      });
      expect(assigned.state).toMatchObject({ responseDueAt: RESPONSE_DUE, contactedAt: null });
      const moved = applyTicketCommand(
        ticket('returned', { responseDueAt: RESPONSE_DUE, contactedAt: DUE }),
        { type: 'redispatch', departmentId: TRAFFIC, dueAt: LATER, responseDueAt: LATER },
      );
      expect(moved.state).toMatchObject({ responseDueAt: LATER, contactedAt: null });
    });

    it('records every contact and keeps the time of the first', () => {
      const first = applyTicketCommand(ticket('in-progress'), { type: 'contact', at: DUE });
      expect(first).toMatchObject({ state: { contactedAt: DUE }, transitions: ['contacted'] });
      const again = applyTicketCommand(first.state, { type: 'contact', at: LATER });
      expect(again).toMatchObject({ state: { contactedAt: DUE }, transitions: ['contacted'] });
      // Contact follows the sign-for: an assigned ticket is signed for first.
      expect(refusal(() => applyTicketCommand(ticket('assigned'), COMMANDS.contact)).code).toBe(
        'conflict',
      );
    });

    it('reminds of a missing contact, and not once the requester was contacted', () => {
      expect(
        applyTicketCommand(ticket('assigned'), COMMANDS['remind-contact']).transitions,
      ).toEqual(['reminded']);
      expect(() =>
        applyTicketCommand(ticket('in-progress', { contactedAt: DUE }), COMMANDS['remind-contact']),
      ).toThrow('contacted already');
    });
  });

  describe('beneficiary items', () => {
    it('refuses to resolve while items are open, naming how many', () => {
      const error = refusal(() =>
        applyTicketCommand(ticket('in-progress'), { type: 'resolve', openItems: 3 }),
      );
      expect(error.code).toBe('conflict');
      expect(error.message).toContain('3 item(s)');
      expect(error.errors[0]).toMatchObject({ code: 'ticket.items-open', limit: { open: 3 } });
      expect(
        applyTicketCommand(ticket('in-progress'), { type: 'resolve', openItems: 0 }).state.status,
      ).toBe('resolved');
    });

    it('records one entry per settled item, and resolves with the last ones', () => {
      const some = applyTicketCommand(ticket('in-progress'), {
        type: 'resolve-items',
        items: 2,
        resolvesTicket: false,
      });
      expect(some).toMatchObject({
        state: { status: 'in-progress' },
        transitions: ['item-resolved', 'item-resolved'],
      });
      const last = applyTicketCommand(ticket('in-progress'), {
        type: 'resolve-items',
        items: 1,
        resolvesTicket: true,
      });
      expect(last).toMatchObject({
        state: { status: 'resolved' },
        transitions: ['item-resolved', 'resolved'],
      });
    });
  });

  describe('confirmation', () => {
    it.each([
      [true, 'satisfied'],
      [true, 'basically-satisfied'],
    ] as const)('solved=%s, %s closes the ticket', (solved, satisfaction) => {
      const result = applyTicketCommand(ticket('resolved'), {
        type: 'confirm',
        solved,
        satisfaction,
      });
      expect(result).toMatchObject({ state: { status: 'closed' }, transitions: ['closed'] });
    });

    it.each([
      [false, 'satisfied'],
      [true, 'unsatisfied'],
      [false, 'unsatisfied'],
    ] as const)('solved=%s, %s sends it back for a redo', (solved, satisfaction) => {
      const result = applyTicketCommand(ticket('resolved'), {
        type: 'confirm',
        solved,
        satisfaction,
      });
      expect(result.transitions).toEqual(['redo']);
      expect(result.state).toMatchObject({ status: 'in-progress', redoCount: 1, escalated: false });
    });

    it('escalates the second redo, once', () => {
      const second = applyTicketCommand(ticket('resolved', { redoCount: 1 }), {
        type: 'confirm',
        solved: false,
        satisfaction: 'unsatisfied',
      });
      expect(second.transitions).toEqual(['redo', 'escalated']);
      expect(second.state).toMatchObject({ status: 'in-progress', redoCount: 2, escalated: true });
      const third = applyTicketCommand(
        { ...second.state, status: 'resolved' },
        { type: 'confirm', solved: false, satisfaction: 'unsatisfied' },
      );
      expect(third.transitions).toEqual(['redo']);
    });
  });

  describe('supervision flags', () => {
    it('flags overdue only past the deadline, and only once', () => {
      const open = ticket('in-progress');
      expect(() =>
        applyTicketCommand(open, { type: 'flag-overdue', now: new Date(DUE.getTime()) }),
      ).toThrow('not past its deadline');
      const { state } = applyTicketCommand(open, COMMANDS['flag-overdue']);
      expect(state.overdue).toBe(true);
      expect(() => applyTicketCommand(state, COMMANDS['flag-overdue'])).toThrow('already');
    });

    it('escalates once, and reminds only before the deadline passed', () => {
      const { state } = applyTicketCommand(ticket('assigned'), COMMANDS.escalate);
      expect(state.escalated).toBe(true);
      expect(() => applyTicketCommand(state, COMMANDS.escalate)).toThrow('already escalated');
      expect(() =>
        applyTicketCommand(ticket('assigned', { overdue: true }), COMMANDS.remind),
      ).toThrow('past reminding');
    });

    it('an extension moves the deadline later and clears the overdue flag', () => {
      const { state } = applyTicketCommand(ticket('in-progress', { overdue: true }), {
        type: 'extend',
        dueAt: LATER,
      });
      expect(state).toMatchObject({ dueAt: LATER, overdue: false });
      expect(() =>
        applyTicketCommand(ticket('in-progress'), { type: 'extend', dueAt: DUE }),
      ).toThrow('later');
    });
  });

  it('refuses a return after its window closed, naming the limit', () => {
    const closesAt = new Date('2026-03-03T15:59:59.999Z');
    const window = (now: string) => ({ now: new Date(now), closesAt, workingDays: 1 });
    const inTime = applyTicketCommand(ticket('in-progress'), {
      type: 'return',
      window: window('2026-03-03T15:59:59.999Z'),
    });
    expect(inTime.state.status).toBe('returned');
    const late = refusal(() =>
      applyTicketCommand(ticket('in-progress'), {
        type: 'return',
        window: window('2026-03-03T16:00:00.000Z'),
      }),
    );
    expect(late.code).toBe('conflict');
    expect(late.errors[0]).toMatchObject({
      code: 'ticket.return-window-closed',
      limit: { workingDays: 1, closesAt: closesAt.toISOString() },
    });
  });

  it('charges the time in the air to the department when its return is rejected', () => {
    expect(returnDisputeParty('reject')).toBe('department');
    expect(returnDisputeParty('redispatch')).toBe('dispatch');
  });
});
