import { z } from 'zod';
import { PageQuerySchema } from '@gm/shared-contracts';
import { TicketCategoryCodeSchema } from './ticket-category.js';
import { TicketItemCountsSchema, TicketItemInputSchema, TicketItemSchema } from './ticket-items.js';

/** Where a ticket is in its life: 受理 → 派单 → 办理 → 办结 → 回访; `returned` awaits the convener. */
export const TICKET_STATUSES = [
  'submitted',
  'assigned',
  'in-progress',
  'returned',
  'resolved',
  'closed',
  'merged',
] as const;
export const TicketStatusSchema = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof TicketStatusSchema>;

export const SATISFACTIONS = ['satisfied', 'basically-satisfied', 'unsatisfied'] as const;
export const SatisfactionSchema = z.enum(SATISFACTIONS);
export type Satisfaction = z.infer<typeof SatisfactionSchema>;

/**
 * Every change a ticket goes through; each is an event `triage.evt.ticket.<transition>.v1` and a
 * history entry.
 */
export const TICKET_TRANSITIONS = [
  'submitted',
  'assigned',
  'accepted',
  /** 首次联系: the department reached the requester (phone, visit, message, meeting). */
  'contacted',
  'returned',
  'return-rejected',
  'redispatched',
  'resolved',
  'closed',
  'redo',
  'escalated',
  'reminded',
  'overdue',
  'merged',
  'extension-requested',
  'extension-approved',
  'extension-refused',
  'item-resolved',
  /** Another service linked a record to the ticket (e.g. a housing application). */
  'linked',
  /** Another service could not act on the ticket (link refused, resolve not allowed): why. */
  'handoff-failed',
] as const;
export const TicketTransitionSchema = z.enum(TICKET_TRANSITIONS);
export type TicketTransition = z.infer<typeof TicketTransitionSchema>;

/** The most working days one extension may add. */
export const MAX_EXTENSION_WORKING_DAYS = 30;

export const TicketHistoryEntrySchema = z.object({
  transition: TicketTransitionSchema,
  /** The user id, or `system:<what>` for the scheduler and other services. */
  actorId: z.string(),
  at: z.iso.datetime({ offset: true }),
  fromStatus: TicketStatusSchema.nullable(),
  toStatus: TicketStatusSchema,
  note: z.record(z.string(), z.unknown()).nullable(),
});
export type TicketHistoryEntry = z.infer<typeof TicketHistoryEntrySchema>;

export const TicketLinkSchema = z.object({
  /** e.g. `housing-application`, `merged-into`, `merged-from`. */
  kind: z.string().min(1),
  id: z.string().min(1),
});
export type TicketLink = z.infer<typeof TicketLinkSchema>;

export const TicketSummarySchema = z.object({
  id: z.uuid(),
  /** Human reference, e.g. `WZH-2026-000042`. */
  number: z.string(),
  title: z.string(),
  category: TicketCategoryCodeSchema,
  status: TicketStatusSchema,
  requesterId: z.string(),
  departmentId: z.uuid().nullable(),
  assistingDepartmentIds: z.array(z.uuid()),
  dueAt: z.iso.datetime({ offset: true }).nullable(),
  overdue: z.boolean(),
  escalated: z.boolean(),
  redoCount: z.number().int().min(0),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type TicketSummary = z.infer<typeof TicketSummarySchema>;

export const TicketSchema = TicketSummarySchema.extend({
  description: z.string(),
  details: z.record(z.string(), z.unknown()).nullable(),
  resolution: z.string().nullable(),
  satisfaction: SatisfactionSchema.nullable(),
  mergedIntoId: z.uuid().nullable(),
  items: z.array(TicketItemSchema),
  history: z.array(TicketHistoryEntrySchema),
  links: z.array(TicketLinkSchema),
  itemCounts: TicketItemCountsSchema,
  /** Sign-for (签收) and first contact (首次联系) are due by then; set at each dispatch. */
  responseDueAt: z.iso.datetime({ offset: true }).nullable(),
  /** The first contact since the last dispatch, if any. */
  firstContactAt: z.iso.datetime({ offset: true }).nullable(),
  /** Likely duplicates (并单 suggestions) a convener has not dismissed or merged yet. */
  openDuplicateCount: z.number().int().min(0),
});
export type Ticket = z.infer<typeof TicketSchema>;

const IdSchema = z.object({ id: z.uuid() });
export const TicketIdParamsSchema = IdSchema;

export const CreateTicketBodySchema = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(10_000),
  category: TicketCategoryCodeSchema,
  /** Checked against the category's details schema (see `TICKET_DETAILS_SCHEMAS`). */
  details: z.record(z.string(), z.unknown()).optional(),
  items: z.array(TicketItemInputSchema).max(2_000).optional(),
});
export type CreateTicketBody = z.infer<typeof CreateTicketBodySchema>;

export const CreatedTicketSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  status: TicketStatusSchema,
});

export const TicketQuerySchema = PageQuerySchema.extend({
  status: TicketStatusSchema.optional(),
  category: TicketCategoryCodeSchema.optional(),
  departmentId: z.uuid().optional(),
});
export type TicketQuery = z.infer<typeof TicketQuerySchema>;

export const AssignTicketBodySchema = z.object({
  departmentId: z.uuid(),
  /** 协办: departments assisting the lead department. */
  assistingDepartmentIds: z.array(z.uuid()).max(10).optional(),
  /** Default: the category's working days from now, in Asia/Shanghai. */
  dueAt: z.iso.datetime({ offset: true }).optional(),
});
export const ReturnTicketBodySchema = z.object({
  reason: z.string().trim().min(1).max(2_000),
  /** The rule or remit the return rests on (职责依据). */
  basis: z.string().trim().min(1).max(2_000),
});
export const ReviewReturnBodySchema = z
  .object({
    decision: z.enum(['reject', 'redispatch']),
    departmentId: z.uuid().optional(),
    dueAt: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((b) => b.decision !== 'redispatch' || b.departmentId !== undefined, {
    path: ['departmentId'],
    message: 'a redispatch names the department',
  });
export const ResolveTicketBodySchema = z.object({
  resolution: z.string().trim().min(1).max(10_000),
  /** The rule or decision the answer rests on. */
  basis: z.string().trim().max(2_000).optional(),
});
export const ConfirmTicketBodySchema = z.object({
  solved: z.boolean(),
  satisfaction: SatisfactionSchema,
  comment: z.string().trim().max(2_000).optional(),
});
export const CONTACT_CHANNELS = ['phone', 'visit', 'message', 'meeting'] as const;
/** 首次联系: how and what the department told the requester. */
export const ContactTicketBodySchema = z.object({
  channel: z.enum(CONTACT_CHANNELS),
  note: z.string().trim().min(1).max(2_000),
});
export const MergeTicketBodySchema = z.object({ intoTicketId: z.uuid() });
/** 延期申请: more working days (Asia/Shanghai calendar) on the current deadline. */
export const RequestExtensionBodySchema = z.object({
  workingDays: z.number().int().min(1).max(MAX_EXTENSION_WORKING_DAYS),
  reason: z.string().trim().min(1).max(2_000),
});
export const ReviewExtensionBodySchema = z.object({
  decision: z.enum(['approve', 'refuse']),
  note: z.string().trim().max(2_000).optional(),
});
