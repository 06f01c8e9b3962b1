import { z } from 'zod';
import { event } from '@gm/shared-contracts';
import { TicketCategoryCodeSchema } from './ticket-category.js';
import { TicketStatusSchema } from './ticket.js';

/** A signal that made two tickets look like the same problem (并单 suggestion). */
export const DuplicateReasonSchema = z.discriminatedUnion('kind', [
  /** Title and description read alike (character bigrams, so Chinese compares too). */
  z.object({ kind: z.literal('similar-text'), similarity: z.number().min(0).max(1) }),
  z.object({ kind: z.literal('same-requester') }),
  /** Both name the same beneficiaries (by reference such as a plate, else by name). */
  z.object({
    kind: z.literal('shared-beneficiaries'),
    count: z.number().int().min(1),
    /** Up to three of them. */
    examples: z.array(z.string()),
  }),
  /** The category details give the same values (an address, a school, the same projects). */
  z.object({ kind: z.literal('same-details'), keys: z.array(z.string()).min(1) }),
]);
export type DuplicateReason = z.infer<typeof DuplicateReasonSchema>;

/** `open` until a convener dismisses it or merges the pair; `lapsed` when either was merged elsewhere. */
export const DuplicateSuggestionStatusSchema = z.enum(['open', 'dismissed', 'merged', 'lapsed']);
export type DuplicateSuggestionStatus = z.infer<typeof DuplicateSuggestionStatusSchema>;

/** A likely duplicate of a ticket, as seen from that ticket. */
export const DuplicateSuggestionSchema = z.object({
  /** The other ticket. */
  ticket: z.object({
    id: z.uuid(),
    number: z.string(),
    title: z.string(),
    status: TicketStatusSchema,
    departmentId: z.uuid().nullable(),
  }),
  /** 0..1; suggestions start at the configured threshold. */
  score: z.number().min(0).max(1),
  reasons: z.array(DuplicateReasonSchema),
  status: DuplicateSuggestionStatusSchema,
  suggestedAt: z.iso.datetime({ offset: true }),
  resolvedAt: z.iso.datetime({ offset: true }).nullable(),
  /** The convener who dismissed or merged, or `system:<what>`. */
  resolvedBy: z.string().nullable(),
});
export type DuplicateSuggestion = z.infer<typeof DuplicateSuggestionSchema>;

export const DuplicateListSchema = z.object({
  ticketId: z.uuid(),
  /** Open suggestions first, then by score. */
  items: z.array(DuplicateSuggestionSchema),
});
export type DuplicateList = z.infer<typeof DuplicateListSchema>;

export const DuplicateParamsSchema = z.object({ id: z.uuid(), otherId: z.uuid() });

export const DismissDuplicateBodySchema = z.object({
  /** Why these are different problems, for the record. */
  reason: z.string().trim().max(2_000).optional(),
});

const CandidateSchema = z.object({
  ticketId: z.uuid(),
  number: z.string(),
  score: z.number().min(0).max(1),
  reasons: z.array(DuplicateReasonSchema),
});

/** A new ticket looks like open tickets of its category: the convener may merge (并单). */
export const DuplicateSuspectedDataSchema = z.object({
  ticketId: z.uuid(),
  number: z.string(),
  category: TicketCategoryCodeSchema,
  candidates: z.array(CandidateSchema).min(1),
  at: z.iso.datetime({ offset: true }),
});

/** A suggestion is settled: a convener dismissed it, or merged the pair. */
export const DuplicateResolvedDataSchema = z.object({
  ticketId: z.uuid(),
  otherTicketId: z.uuid(),
  resolution: z.enum(['dismissed', 'merged']),
  reason: z.string().nullable(),
  /** User id, or `system:<what>`. */
  actorId: z.string(),
  at: z.iso.datetime({ offset: true }),
});

// Other tickets' numbers and beneficiaries: for conveners only, who decide merges.
const conveners = () => [{ role: 'convener' as const }];

export const TicketDuplicateSuspected = event(
  'triage.evt.ticket.duplicate-suspected.v1',
  DuplicateSuspectedDataSchema,
  { audience: conveners },
);
export const TicketDuplicateResolved = event(
  'triage.evt.ticket.duplicate-resolved.v1',
  DuplicateResolvedDataSchema,
  { audience: conveners },
);
