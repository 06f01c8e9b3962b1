import type { Open311Status, TicketStatus } from '@gm/triage-contracts';

/** The ticket statuses behind each Open311 status: answered or finished tickets are `closed`. */
export const TICKET_STATUSES_OF: Record<Open311Status, readonly TicketStatus[]> = {
  open: ['submitted', 'assigned', 'in-progress', 'returned'],
  closed: ['resolved', 'closed', 'merged'],
};

export function open311StatusOf(status: string): Open311Status {
  return (TICKET_STATUSES_OF.closed as readonly string[]).includes(status) ? 'closed' : 'open';
}

/** FixMyStreet's extended statuses, for the status-updates extension. */
const FIXMYSTREET_STATUS: Record<TicketStatus, string> = {
  submitted: 'open',
  assigned: 'action_scheduled',
  'in-progress': 'in_progress',
  returned: 'internal_referral',
  resolved: 'fixed',
  closed: 'closed',
  merged: 'duplicate',
};

export function fixMyStreetStatusOf(status: string): string {
  return FIXMYSTREET_STATUS[status as TicketStatus] ?? open311StatusOf(status);
}

const THE_DEPARTMENT = 'the department';

/** Public status notes: where the ticket stands, naming the department, never the requester. */
export function statusNotesOf(
  status: string,
  department: string | null,
  overdue: boolean,
): string | null {
  const who = department ?? THE_DEPARTMENT;
  const notes: Record<TicketStatus, string> = {
    submitted: 'Received; awaiting dispatch at the 问诊会.',
    assigned: `Assigned to ${who}.`,
    'in-progress': `${who} is working on it.`,
    returned: `Returned by ${who}; awaiting the convener's review.`,
    resolved: `Answered by ${who}; awaiting the requester's confirmation.`,
    closed: 'Closed: the requester confirmed the answer.',
    merged: 'Merged into another request with the same problem.',
  };
  const note = notes[status as TicketStatus] ?? null;
  return note && overdue && open311StatusOf(status) === 'open' ? `${note} Overdue.` : note;
}

/** The public text of one history entry (FixMyStreet update `description`). */
export function updateDescriptionOf(transition: string, department: string | null): string {
  const who = department ?? THE_DEPARTMENT;
  const texts: Record<string, string> = {
    submitted: 'Request received.',
    assigned: `Assigned to ${who}.`,
    accepted: `${who} signed for the request.`,
    contacted: `${who} contacted the requester.`,
    returned: `${who} returned the request; the convener reviews it.`,
    'return-rejected': `The convener kept the request with ${who}.`,
    redispatched: `Re-dispatched to ${who}.`,
    resolved: `${who} answered the request.`,
    closed: 'The requester confirmed the answer.',
    redo: `The requester was not satisfied; ${who} works on it again.`,
    escalated: 'Escalated to the convener for supervision.',
    reminded: `${who} was reminded of the deadline.`,
    overdue: 'The deadline passed before an answer.',
    merged: 'Merged into another request with the same problem.',
    'extension-requested': `${who} asked for more time.`,
    'extension-approved': 'The deadline was extended.',
    'extension-refused': 'An extension of the deadline was refused.',
    'item-resolved': 'One item of the request was settled.',
  };
  return texts[transition] ?? `Status: ${transition}.`;
}
