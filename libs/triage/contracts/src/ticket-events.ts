import { z } from 'zod';
import { event, type Audience, type EventContract } from '@gm/shared-contracts';
import { TICKET_TRANSITIONS, TicketStatusSchema, type TicketTransition } from './ticket.js';
import { TicketCategoryCodeSchema } from './ticket-category.js';

/**
 * The data of every ticket event: enough for a consumer to act without calling back. Not public:
 * it names the requester.
 */
export const TicketEventDataSchema = z.object({
  ticketId: z.uuid(),
  number: z.string(),
  category: TicketCategoryCodeSchema,
  transition: z.enum(TICKET_TRANSITIONS),
  fromStatus: TicketStatusSchema.nullable(),
  status: TicketStatusSchema,
  requesterId: z.string(),
  departmentId: z.uuid().nullable(),
  assistingDepartmentIds: z.array(z.uuid()),
  dueAt: z.iso.datetime({ offset: true }).nullable(),
  overdue: z.boolean(),
  escalated: z.boolean(),
  redoCount: z.number().int().min(0),
  /** User id, or `system:<what>`. */
  actorId: z.string(),
  at: z.iso.datetime({ offset: true }),
  /** The category's details (for `assigned` and `redispatched`: the housing hand-off reads them). */
  details: z.record(z.string(), z.unknown()).nullable().optional(),
  /** When the ticket was submitted (受理), with `details`: the housing hand-off dates an application from it. */
  submittedAt: z.iso.datetime({ offset: true }).optional(),
  /** What the transition carried: a return's reason, a resolution, a satisfaction... */
  note: z.record(z.string(), z.unknown()).nullable(),
});
export type TicketEventData = z.infer<typeof TicketEventDataSchema>;

/**
 * Who is told live of an extension: the ticket's requester (the deadline moves), the officer who
 * asked for it (the answer), the lead department and the conveners (who decide).
 */
function extensionAudience(d: TicketEventData): Audience {
  const requestedBy = d.note?.['requestedBy'];
  return [
    { userId: d.requesterId },
    ...(typeof requestedBy === 'string' ? [{ userId: requestedBy }] : []),
    ...(d.departmentId ? [{ departmentId: d.departmentId }] : []),
    { role: 'convener' as const },
  ];
}

const EXTENSION_TRANSITIONS: readonly TicketTransition[] = [
  'extension-requested',
  'extension-approved',
  'extension-refused',
];

/** Who is told live of a step the requester waits for: the requester, the lead department, the conveners. */
function requesterAudience(d: TicketEventData): Audience {
  return [
    { userId: d.requesterId },
    ...(d.departmentId ? [{ departmentId: d.departmentId }] : []),
    { role: 'convener' as const },
  ];
}

/** Each beneficiary's outcome, and the department's first contact, reach the requester as they happen. */
const REQUESTER_TRANSITIONS: readonly TicketTransition[] = ['item-resolved', 'contacted'];

function audienceOf(t: TicketTransition) {
  if (EXTENSION_TRANSITIONS.includes(t)) return { audience: extensionAudience };
  if (REQUESTER_TRANSITIONS.includes(t)) return { audience: requesterAudience };
  return {};
}

/** `triage.evt.ticket.<transition>.v1` for every transition, overdue and escalated included. */
export const TICKET_EVENTS = Object.fromEntries(
  TICKET_TRANSITIONS.map((t) => [
    t,
    event(`triage.evt.ticket.${t}.v1`, TicketEventDataSchema, audienceOf(t)),
  ]),
) as Record<TicketTransition, EventContract<typeof TicketEventDataSchema>>;

export const TicketAssigned = TICKET_EVENTS.assigned;
export const TicketResolved = TICKET_EVENTS.resolved;
export const TicketOverdue = TICKET_EVENTS.overdue;
export const TicketEscalated = TICKET_EVENTS.escalated;
