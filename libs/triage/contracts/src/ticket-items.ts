import { z } from 'zod';
import { PageQuerySchema } from '@gm/shared-contracts';

/** `open` until settled; `resolved` for every outcome but `refused`, which is `rejected`. */
export const TicketItemStatusSchema = z.enum(['open', 'resolved', 'rejected']);
export type TicketItemStatus = z.infer<typeof TicketItemStatusSchema>;

/**
 * How the department settled one beneficiary's request: 准予 (granted), 部分准予
 * (partially-granted), 不予 (refused, with its basis), or 撤回 (withdrawn: the beneficiary no
 * longer asks, e.g. left the institute or applied elsewhere).
 */
export const ITEM_OUTCOMES = ['granted', 'partially-granted', 'refused', 'withdrawn'] as const;
export const ItemOutcomeSchema = z.enum(ITEM_OUTCOMES);
export type ItemOutcome = z.infer<typeof ItemOutcomeSchema>;

/** One beneficiary of a ticket (e.g. one of 400 researchers' licence plates), resolved on its own. */
export const TicketItemInputSchema = z.object({
  beneficiaryName: z.string().trim().min(1).max(200),
  /** What this beneficiary asks for, in the category's terms (a plate number, a child's grade...). */
  reference: z.string().trim().max(200).optional(),
});

/** One decision on an item; an item decided again (e.g. after a redo) keeps every decision. */
export const TicketItemDecisionSchema = z.object({
  outcome: ItemOutcomeSchema,
  reply: z.string(),
  basis: z.string().nullable(),
  actorId: z.string(),
  at: z.iso.datetime({ offset: true }),
});
export type TicketItemDecision = z.infer<typeof TicketItemDecisionSchema>;

export const TicketItemSchema = TicketItemInputSchema.extend({
  id: z.uuid(),
  status: TicketItemStatusSchema,
  /** The reply of the last decision. */
  resolution: z.string().nullable(),
  resolvedAt: z.iso.datetime({ offset: true }).nullable(),
  outcome: ItemOutcomeSchema.nullable(),
  basis: z.string().nullable(),
  /** Every decision, oldest first. */
  history: z.array(TicketItemDecisionSchema),
});
export type TicketItem = z.infer<typeof TicketItemSchema>;

/** How far the items of a ticket are settled. */
export const TicketItemCountsSchema = z.object({
  total: z.number().int().min(0),
  open: z.number().int().min(0),
  byOutcome: z.record(ItemOutcomeSchema, z.number().int().min(0)),
});
export type TicketItemCounts = z.infer<typeof TicketItemCountsSchema>;

export const ResolveItemBodySchema = z.object({
  outcome: ItemOutcomeSchema,
  /** What the beneficiary is told. */
  reply: z.string().trim().min(1).max(2_000),
  /** The rule or decision it rests on; a refusal must give one. */
  basis: z.string().trim().min(1).max(2_000).optional(),
});
export type ResolveItemBody = z.infer<typeof ResolveItemBodySchema>;
export const ItemParamsSchema = z.object({ id: z.uuid(), itemId: z.uuid() });

/** The most items one bulk request settles (a ticket may hold 2,000). */
export const MAX_ITEMS_PER_RESOLUTION = 500;

export const ResolveItemsBodySchema = z.object({
  items: z
    .array(ResolveItemBodySchema.extend({ itemId: z.uuid() }))
    .min(1)
    .max(MAX_ITEMS_PER_RESOLUTION),
});
export type ResolveItemsBody = z.infer<typeof ResolveItemsBodySchema>;

export const TicketItemQuerySchema = PageQuerySchema.extend({
  status: TicketItemStatusSchema.optional(),
  outcome: ItemOutcomeSchema.optional(),
});
export type TicketItemQuery = z.infer<typeof TicketItemQuerySchema>;
