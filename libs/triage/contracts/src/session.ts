import { z } from 'zod';

/** What a 问诊会 decided on an agenda item: dispatched, answered on the spot, or deferred. */
export const AGENDA_OUTCOMES = ['assigned', 'answered-on-the-spot', 'deferred'] as const;
export const AgendaOutcomeSchema = z.enum(AGENDA_OUTCOMES);
export type AgendaOutcome = z.infer<typeof AgendaOutcomeSchema>;

export const AgendaItemSchema = z.object({
  ticketId: z.uuid(),
  position: z.number().int().min(1),
  outcome: AgendaOutcomeSchema.nullable(),
  note: z.string().nullable(),
});

/** A 问诊会 session: a meeting of the convener with the departments attending. */
export const TriageSessionSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  heldAt: z.iso.datetime({ offset: true }),
  departmentIds: z.array(z.uuid()),
  convenerId: z.string(),
  agenda: z.array(AgendaItemSchema),
  createdAt: z.iso.datetime({ offset: true }),
});
export type TriageSession = z.infer<typeof TriageSessionSchema>;

export const CreateSessionBodySchema = z.object({
  title: z.string().trim().min(1).max(200),
  heldAt: z.iso.datetime({ offset: true }),
  departmentIds: z.array(z.uuid()).min(1).max(50),
});
export const AddToAgendaBodySchema = z.object({
  ticketIds: z.array(z.uuid()).min(1).max(200),
});
export const SessionIdParamsSchema = z.object({ id: z.uuid() });

export const RecordOutcomeBodySchema = z.object({
  ticketId: z.uuid(),
  outcome: AgendaOutcomeSchema,
  note: z.string().trim().max(2_000).optional(),
});

/** One agenda item as the minutes (纪要) record it. */
export const MinutesItemSchema = z.object({
  position: z.number().int().min(1),
  ticketId: z.uuid(),
  number: z.string(),
  title: z.string(),
  status: z.string(),
  departmentId: z.uuid().nullable(),
  outcome: AgendaOutcomeSchema.nullable(),
  note: z.string().nullable(),
  recordedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type MinutesItem = z.infer<typeof MinutesItemSchema>;

/** The minutes of a 问诊会 session: its items as data, and the same as a Markdown document. */
export const SessionMinutesSchema = z.object({
  sessionId: z.uuid(),
  title: z.string(),
  heldAt: z.iso.datetime({ offset: true }),
  convenerId: z.string(),
  departments: z.array(z.object({ id: z.uuid(), name: z.string() })),
  items: z.array(MinutesItemSchema),
  markdown: z.string(),
});
export type SessionMinutes = z.infer<typeof SessionMinutesSchema>;
