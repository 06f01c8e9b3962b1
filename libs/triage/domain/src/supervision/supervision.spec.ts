import { describe, expect, it } from '@jest/globals';
import { chinaWorkingCalendar } from '../calendar/working-calendar.js';
import type { TicketState } from '../ticket-state-machine.js';
import { decideSupervision, planContactReminder, planSupervision } from './supervision.js';

const calendar = chinaWorkingCalendar();
const at = (local: string) => new Date(`${local}+08:00`);
const iso = (plan: ReturnType<typeof planSupervision>) =>
  plan.map((a) => [a.kind, a.dueAt.toISOString()]);

describe('the supervision ladder (督办)', () => {
  it('reminds the working day before and escalates the working day after, across 国庆', () => {
    // Deadline: the end of Thursday 8 October 2026, the first working day after 国庆 (1–7 October).
    const deadline = at('2026-10-08T23:59:59.999');
    expect(
      iso(
        planSupervision(
          deadline,
          { remindWorkingDaysBefore: 1, escalateWorkingDaysAfter: 2 },
          calendar,
        ),
      ),
    ).toEqual([
      ['remind', '2026-09-30T15:59:59.999Z'], // Wednesday 30 September, before the holiday
      ['overdue', '2026-10-08T15:59:59.999Z'],
      ['escalate', '2026-10-10T15:59:59.999Z'], // Saturday 10 October is a make-up workday
    ]);
  });

  it('counts a make-up Saturday as the working day before, and can escalate at the deadline', () => {
    const deadline = at('2026-02-24T23:59:59.999'); // first day back after 春节
    expect(
      iso(
        planSupervision(
          deadline,
          { remindWorkingDaysBefore: 1, escalateWorkingDaysAfter: 0 },
          calendar,
        ),
      ),
    ).toEqual([
      ['remind', '2026-02-14T15:59:59.999Z'],
      ['overdue', '2026-02-24T15:59:59.999Z'],
      ['escalate', '2026-02-24T15:59:59.999Z'],
    ]);
    expect(
      planSupervision(
        deadline,
        { remindWorkingDaysBefore: 0, escalateWorkingDaysAfter: 1 },
        calendar,
      ).map((a) => a.kind),
    ).toEqual(['overdue', 'escalate']);
  });

  describe('deciding a due action', () => {
    const deadline = at('2026-10-08T23:59:59.999');
    const state: TicketState = {
      status: 'in-progress',
      departmentId: 'd',
      assistingDepartmentIds: [],
      dueAt: deadline,
      overdue: false,
      escalated: false,
      redoCount: 0,
    };
    const before = at('2026-10-08T09:00:00');
    const after = at('2026-10-09T09:00:00');

    it('applies each rung to an open ticket with that deadline', () => {
      expect(decideSupervision(state, { kind: 'remind', deadline }, before)).toEqual({
        apply: { type: 'remind' },
      });
      expect(decideSupervision(state, { kind: 'overdue', deadline }, after)).toEqual({
        apply: { type: 'flag-overdue', now: after },
      });
      expect(
        decideSupervision({ ...state, overdue: true }, { kind: 'escalate', deadline }, after),
      ).toEqual({ apply: { type: 'escalate' } });
    });

    it.each([
      [
        'a resolved ticket',
        { status: 'resolved' as const },
        'overdue',
        after,
        'ticket is resolved',
      ],
      ['a closed ticket', { status: 'closed' as const }, 'escalate', after, 'ticket is closed'],
      [
        'an extended deadline',
        { dueAt: at('2026-10-20T23:59:59.999') },
        'overdue',
        after,
        'deadline changed',
      ],
      ['a reminder come too late', {}, 'remind', after, 'past the deadline'],
      ['an overdue flag already set', { overdue: true }, 'overdue', after, 'already overdue'],
      ['an escalation by a redo', { escalated: true }, 'escalate', after, 'already escalated'],
      ['an overdue before the deadline', {}, 'overdue', before, 'not past the deadline'],
    ] as const)('lets it lapse for %s', (_what, change, kind, now, reason) => {
      expect(decideSupervision({ ...state, ...change }, { kind, deadline }, now)).toEqual({
        skip: reason,
      });
    });
  });

  describe('the reminder of a missing first contact (首次联系)', () => {
    // Dispatched Wednesday 30 September 2026 with one working day to respond: the response
    // deadline is the end of Thursday 8 October, the first working day after 国庆.
    const responseDueAt = at('2026-10-08T23:59:59.999');
    const policy = { remindWorkingDaysBefore: 1, escalateWorkingDaysAfter: 1 };
    const state: TicketState = {
      status: 'in-progress',
      departmentId: 'd',
      assistingDepartmentIds: [],
      dueAt: at('2026-10-20T23:59:59.999'),
      overdue: false,
      escalated: false,
      redoCount: 0,
      responseDueAt,
      contactedAt: null,
    };
    const action = { kind: 'contact-remind' as const, deadline: responseDueAt };

    it('comes at the end of the working day before the response deadline, across 国庆', () => {
      expect(iso(planContactReminder(responseDueAt, policy, calendar))).toEqual([
        ['contact-remind', '2026-09-30T15:59:59.999Z'],
      ]);
      expect(
        planContactReminder(
          responseDueAt,
          { remindWorkingDaysBefore: 0, escalateWorkingDaysAfter: 1 },
          calendar,
        ),
      ).toEqual([]);
    });

    it('reminds a department that has not contacted the requester before the deadline', () => {
      const morning = at('2026-10-08T09:00:00');
      expect(decideSupervision(state, action, morning)).toEqual({
        apply: { type: 'remind-contact' },
      });
      expect(decideSupervision({ ...state, status: 'assigned' }, action, morning)).toEqual({
        apply: { type: 'remind-contact' },
      });
    });

    it.each([
      ['a contact made', { contactedAt: at('2026-10-01T10:00:00') }, 'contacted already'],
      [
        'a redispatch',
        { responseDueAt: at('2026-10-12T23:59:59.999') },
        'response deadline changed',
      ],
      ['a returned ticket', { status: 'returned' as const }, 'ticket is returned'],
    ] as const)('lapses after %s', (_what, change, reason) => {
      expect(decideSupervision({ ...state, ...change }, action, at('2026-10-08T09:00:00'))).toEqual(
        { skip: reason },
      );
    });

    it('lapses once the response deadline passed', () => {
      expect(decideSupervision(state, action, at('2026-10-09T09:00:00'))).toEqual({
        skip: 'past the response deadline',
      });
    });
  });
});
