import { z } from 'zod';

export const AGENDA_OUTCOMES = ['assigned', 'answered', 'deferred'] as const;

export const AgendaItemSchema = z.object({
  ticketId: z.uuid(),
  position: z.number().int().min(1),
  outcome: z.enum(AGENDA_OUTCOMES).nullable(),
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
