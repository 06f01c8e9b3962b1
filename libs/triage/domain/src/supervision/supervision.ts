import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { endOfShanghaiDay } from '../calendar/working-calendar.js';
import { ALLOWED_FROM, type TicketCommand, type TicketState } from '../ticket-state-machine.js';

/**
 * The rungs of the supervision ladder (督办): before, at and after the deadline, and a reminder
 * before the response deadline while the first contact (首次联系) is missing.
 */
export const SUPERVISION_KINDS = ['remind', 'overdue', 'escalate', 'contact-remind'] as const;
export type SupervisionKind = (typeof SUPERVISION_KINDS)[number];

/** When the rungs come, in working days of Asia/Shanghai around a ticket's deadline. */
export interface SupervisionPolicy {
  /** The reminder comes at the end of this many working days before the deadline's day (0: none). */
  remindWorkingDaysBefore: number;
  /** The escalation comes at the end of this many working days after the deadline's day (0: at it). */
  escalateWorkingDaysAfter: number;
}

export const DEFAULT_SUPERVISION_POLICY: SupervisionPolicy = {
  remindWorkingDaysBefore: 1,
  escalateWorkingDaysAfter: 1,
};

export interface PlannedSupervisionAction {
  kind: SupervisionKind;
  /** The action is due once this instant has passed. */
  dueAt: Date;
}

/** The ladder of one deadline: each rung is done once, keyed by (ticket, kind, deadline). */
export function planSupervision(
  deadline: Date,
  policy: SupervisionPolicy,
  calendar: WorkingCalendar,
): PlannedSupervisionAction[] {
  const plan: PlannedSupervisionAction[] = [];
  if (policy.remindWorkingDaysBefore > 0) {
    const day = calendar.subtractWorkingDays(deadline, policy.remindWorkingDaysBefore);
    plan.push({ kind: 'remind', dueAt: endOfShanghaiDay(day) });
  }
  plan.push({ kind: 'overdue', dueAt: deadline });
  plan.push({
    kind: 'escalate',
    dueAt:
      policy.escalateWorkingDaysAfter > 0
        ? calendar.deadline(deadline, policy.escalateWorkingDaysAfter)
        : deadline,
  });
  return plan;
}

/**
 * The reminder of a response deadline: at the end of the working day before its day (the
 * morning of the last day to sign for and make contact), or at once when the dispatch was later
 * than that. Keyed like the ladder by (ticket, kind, response deadline), so each comes once.
 */
export function planContactReminder(
  responseDueAt: Date,
  policy: SupervisionPolicy,
  calendar: WorkingCalendar,
): PlannedSupervisionAction[] {
  if (policy.remindWorkingDaysBefore === 0) return [];
  const day = calendar.subtractWorkingDays(responseDueAt, 1);
  return [{ kind: 'contact-remind', dueAt: endOfShanghaiDay(day) }];
}

export type SupervisionDecision =
  | { apply: TicketCommand }
  /** Nothing to do, for good: the action is marked done with this reason. */
  | { skip: string };

const COMMAND_OF: Record<SupervisionKind, TicketCommand['type']> = {
  remind: 'remind',
  overdue: 'flag-overdue',
  escalate: 'escalate',
  'contact-remind': 'remind-contact',
};

/**
 * What a due supervision action does to the ticket now: its command, or why it lapsed (the
 * ticket moved on, got another deadline, or already had that rung by another way). Pure.
 */
export function decideSupervision(
  state: TicketState,
  action: { kind: SupervisionKind; deadline: Date },
  now: Date,
): SupervisionDecision {
  if (!ALLOWED_FROM[COMMAND_OF[action.kind]].includes(state.status)) {
    return { skip: `ticket is ${state.status}` };
  }
  if (action.kind === 'contact-remind') {
    // The action's deadline is the response deadline of the dispatch it was planned for.
    if (state.responseDueAt?.getTime() !== action.deadline.getTime()) {
      return { skip: 'response deadline changed' };
    }
    if (state.contactedAt) return { skip: 'contacted already' };
    if (now.getTime() > action.deadline.getTime()) return { skip: 'past the response deadline' };
    return { apply: { type: 'remind-contact' } };
  }
  if (state.dueAt?.getTime() !== action.deadline.getTime()) return { skip: 'deadline changed' };
  const pastDeadline = now.getTime() > action.deadline.getTime();
  switch (action.kind) {
    case 'remind':
      if (pastDeadline || state.overdue) return { skip: 'past the deadline' };
      return { apply: { type: 'remind' } };
    case 'overdue':
      if (!pastDeadline) return { skip: 'not past the deadline' };
      if (state.overdue) return { skip: 'already overdue' };
      return { apply: { type: 'flag-overdue', now } };
    case 'escalate':
      if (state.escalated) return { skip: 'already escalated' };
      return { apply: { type: 'escalate' } };
  }
}
