import { z } from 'zod';
import { pageOf, rpc } from '@gm/shared-contracts';
import { DepartmentSchema } from './department.js';
import { TriageOverviewSchema } from './overview.js';
import { TRIAGE_SUBJECTS } from './subjects.js';
import {
  AddToAgendaBodySchema,
  CreateSessionBodySchema,
  RecordOutcomeBodySchema,
  SessionMinutesSchema,
  TriageSessionSchema,
} from './session.js';
import {
  AssignTicketBodySchema,
  ConfirmTicketBodySchema,
  ContactTicketBodySchema,
  CreatedTicketSchema,
  CreateTicketBodySchema,
  MergeTicketBodySchema,
  RequestExtensionBodySchema,
  ReviewExtensionBodySchema,
  ResolveTicketBodySchema,
  ReturnTicketBodySchema,
  ReviewReturnBodySchema,
  TicketQuerySchema,
  TicketSchema,
  TicketSummarySchema,
} from './ticket.js';
import { TicketCategorySchema } from './ticket-category.js';
import { MetricsQuerySchema, TicketMetricsSchema } from './metrics.js';
import { DismissDuplicateBodySchema, DuplicateListSchema } from './duplicates.js';
import {
  ResolveItemBodySchema,
  ResolveItemsBodySchema,
  TicketItemQuerySchema,
  TicketItemSchema,
} from './ticket-items.js';

export const ListDepartments = rpc(
  TRIAGE_SUBJECTS.listDepartments,
  z.object({}),
  z.object({ items: z.array(DepartmentSchema) }),
);

export const ListTicketCategories = rpc(
  TRIAGE_SUBJECTS.listCategories,
  z.object({}),
  z.object({ items: z.array(TicketCategorySchema) }),
);

export const GetTriageOverview = rpc(TRIAGE_SUBJECTS.overview, z.object({}), TriageOverviewSchema);

const TicketRef = z.object({ id: z.uuid() });

export const CreateTicket = rpc(
  TRIAGE_SUBJECTS.createTicket,
  CreateTicketBodySchema,
  CreatedTicketSchema,
);
export const ListTickets = rpc(
  TRIAGE_SUBJECTS.listTickets,
  TicketQuerySchema,
  pageOf(TicketSummarySchema),
);
export const GetTicket = rpc(TRIAGE_SUBJECTS.getTicket, TicketRef, TicketSchema);
export const AssignTicket = rpc(
  TRIAGE_SUBJECTS.assignTicket,
  TicketRef.extend(AssignTicketBodySchema.shape),
  TicketSchema,
);
export const AcceptTicket = rpc(TRIAGE_SUBJECTS.acceptTicket, TicketRef, TicketSchema);
export const ContactTicket = rpc(
  TRIAGE_SUBJECTS.contactTicket,
  TicketRef.extend(ContactTicketBodySchema.shape),
  TicketSchema,
);
export const ReturnTicket = rpc(
  TRIAGE_SUBJECTS.returnTicket,
  TicketRef.extend(ReturnTicketBodySchema.shape),
  TicketSchema,
);
export const ReviewReturn = rpc(
  TRIAGE_SUBJECTS.reviewReturn,
  z.intersection(TicketRef, ReviewReturnBodySchema),
  TicketSchema,
);
export const ResolveTicket = rpc(
  TRIAGE_SUBJECTS.resolveTicket,
  TicketRef.extend(ResolveTicketBodySchema.shape),
  TicketSchema,
);
export const ConfirmTicket = rpc(
  TRIAGE_SUBJECTS.confirmTicket,
  TicketRef.extend(ConfirmTicketBodySchema.shape),
  TicketSchema,
);
export const MergeTicket = rpc(
  TRIAGE_SUBJECTS.mergeTicket,
  TicketRef.extend(MergeTicketBodySchema.shape),
  TicketSchema,
);
export const ListTicketDuplicates = rpc(
  TRIAGE_SUBJECTS.listDuplicates,
  TicketRef,
  DuplicateListSchema,
);
export const DismissDuplicate = rpc(
  TRIAGE_SUBJECTS.dismissDuplicate,
  TicketRef.extend({ otherId: z.uuid() }).extend(DismissDuplicateBodySchema.shape),
  DuplicateListSchema,
);
export const ListTicketItems = rpc(
  TRIAGE_SUBJECTS.listItems,
  TicketRef.extend(TicketItemQuerySchema.shape),
  pageOf(TicketItemSchema),
);
export const ResolveTicketItem = rpc(
  TRIAGE_SUBJECTS.resolveItem,
  TicketRef.extend({ itemId: z.uuid() }).extend(ResolveItemBodySchema.shape),
  TicketSchema,
);
export const ResolveTicketItems = rpc(
  TRIAGE_SUBJECTS.resolveItems,
  TicketRef.extend(ResolveItemsBodySchema.shape),
  TicketSchema,
);
export const RequestExtension = rpc(
  TRIAGE_SUBJECTS.requestExtension,
  TicketRef.extend(RequestExtensionBodySchema.shape),
  TicketSchema,
);
export const ReviewExtension = rpc(
  TRIAGE_SUBJECTS.reviewExtension,
  TicketRef.extend(ReviewExtensionBodySchema.shape),
  TicketSchema,
);
export const CreateTriageSession = rpc(
  TRIAGE_SUBJECTS.createSession,
  CreateSessionBodySchema,
  TriageSessionSchema,
);
export const AddToAgenda = rpc(
  TRIAGE_SUBJECTS.addToAgenda,
  TicketRef.extend(AddToAgendaBodySchema.shape),
  TriageSessionSchema,
);
export const RecordAgendaOutcome = rpc(
  TRIAGE_SUBJECTS.recordOutcome,
  TicketRef.extend(RecordOutcomeBodySchema.shape),
  TriageSessionSchema,
);
export const GetSessionMinutes = rpc(
  TRIAGE_SUBJECTS.sessionMinutes,
  TicketRef,
  SessionMinutesSchema,
);

export const GetTicketMetrics = rpc(
  TRIAGE_SUBJECTS.metrics,
  MetricsQuerySchema,
  TicketMetricsSchema,
);
