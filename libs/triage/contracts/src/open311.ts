import { z } from 'zod';
import { rpc } from '@gm/shared-contracts';
import { TicketCategoryCodeSchema } from './ticket-category.js';

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) over the 问诊会 tickets, plus
 * FixMyStreet's `servicerequestupdates` extension. Field names are the standard's (snake_case),
 * so the gateway renders these objects as they are, in JSON or XML. Nothing here names a
 * requester: Open311 reads are public.
 */

export const OPEN311_SUBJECTS = {
  services: 'triage.rpc.open311-services',
  serviceDefinition: 'triage.rpc.open311-service-definition',
  listRequests: 'triage.rpc.open311-list-requests',
  createRequest: 'triage.rpc.open311-create-request',
  requestByToken: 'triage.rpc.open311-request-by-token',
  listUpdates: 'triage.rpc.open311-list-updates',
} as const;

const W3cDateTime = z.iso.datetime({ offset: true });

export const OPEN311_DATATYPES = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
] as const;

/** One entry of `services.json`: a ticket category. */
export const Open311ServiceSchema = z.object({
  service_code: TicketCategoryCodeSchema,
  service_name: z.string(),
  description: z.string(),
  /** True where the category has a details schema: its service definition lists attributes. */
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  /** Comma-separated. */
  keywords: z.string(),
  group: z.string(),
});
export type Open311Service = z.infer<typeof Open311ServiceSchema>;

export const Open311AttributeSchema = z.object({
  /** False for attributes that are only information to show; ours are all asked of the user. */
  variable: z.boolean(),
  code: z.string(),
  datatype: z.enum(OPEN311_DATATYPES),
  required: z.boolean(),
  datatype_description: z.string(),
  order: z.number().int().min(1),
  description: z.string(),
  /** For the list datatypes: the allowed values. */
  values: z.array(z.object({ key: z.string(), name: z.string() })).optional(),
});
export type Open311Attribute = z.infer<typeof Open311AttributeSchema>;

/** `services/{service_code}.json`: the attributes of the category's details schema. */
export const Open311ServiceDefinitionSchema = z.object({
  service_code: TicketCategoryCodeSchema,
  attributes: z.array(Open311AttributeSchema),
});
export type Open311ServiceDefinition = z.infer<typeof Open311ServiceDefinitionSchema>;

export const Open311StatusSchema = z.enum(['open', 'closed']);
export type Open311Status = z.infer<typeof Open311StatusSchema>;

/** A ticket as a public Open311 service request: no requester, no details, no beneficiaries. */
export const Open311RequestSchema = z.object({
  service_request_id: z.string(),
  status: Open311StatusSchema,
  status_notes: z.string().nullable(),
  service_name: z.string(),
  service_code: TicketCategoryCodeSchema,
  description: z.string(),
  agency_responsible: z.string().nullable(),
  service_notice: z.string().nullable(),
  requested_datetime: W3cDateTime,
  updated_datetime: W3cDateTime,
  expected_datetime: W3cDateTime.nullable(),
  /** Tickets have no street location; the standard's location fields stay empty. */
  address: z.string(),
  address_id: z.string(),
  zipcode: z.string(),
  media_url: z.string(),
});
export type Open311Request = z.infer<typeof Open311RequestSchema>;

export const Open311RequestQuerySchema = z.object({
  /** When given, every other filter is ignored (the standard's rule). */
  ids: z.array(z.string().min(1).max(100)).max(100).optional(),
  serviceCodes: z.array(TicketCategoryCodeSchema).max(50).optional(),
  start: W3cDateTime.optional(),
  end: W3cDateTime.optional(),
  statuses: z.array(Open311StatusSchema).max(2).optional(),
  limit: z.number().int().min(1).max(1000).default(1000),
});
export type Open311RequestQuery = z.infer<typeof Open311RequestQuerySchema>;

/** What a client posts, after the gateway has read the form or JSON body. */
export const Open311CreateRequestSchema = z.object({
  service_code: z.string().min(1).max(100),
  description: z.string(),
  /** `attribute[code]` values as sent: one string, or several for a multi-value list. */
  attributes: z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({}),
});
export type Open311CreateRequest = z.infer<typeof Open311CreateRequestSchema>;

export const Open311CreatedSchema = z.object({
  service_request_id: z.string(),
  /** The ticket number (e.g. `WZH-2026-000042`): what the requester quotes; `tokens/{token}` finds the request. */
  token: z.string(),
  service_notice: z.string(),
  account_id: z.string().nullable(),
});
export type Open311Created = z.infer<typeof Open311CreatedSchema>;

export const Open311TokenSchema = z.object({ service_request_id: z.string(), token: z.string() });

/** FixMyStreet's status-update extension: one change of a request, from the ticket's history. */
export const Open311RequestUpdateSchema = z.object({
  update_id: z.string(),
  service_request_id: z.string(),
  /** FixMyStreet's extended statuses (`open`, `action_scheduled`, `in_progress`, `fixed`...). */
  status: z.string(),
  updated_datetime: W3cDateTime,
  description: z.string(),
  media_url: z.string(),
  /** Our own transition name (e.g. `assigned`), for clients that map codes themselves. */
  external_status_code: z.string(),
});
export type Open311RequestUpdate = z.infer<typeof Open311RequestUpdateSchema>;

export const Open311UpdatesQuerySchema = z.object({
  start: W3cDateTime.optional(),
  end: W3cDateTime.optional(),
  limit: z.number().int().min(1).max(1000).default(1000),
});

export const Open311Services = rpc(
  OPEN311_SUBJECTS.services,
  z.object({}),
  z.object({ items: z.array(Open311ServiceSchema) }),
);
export const Open311GetServiceDefinition = rpc(
  OPEN311_SUBJECTS.serviceDefinition,
  z.object({ service_code: z.string().min(1).max(100) }),
  Open311ServiceDefinitionSchema,
);
export const Open311ListRequests = rpc(
  OPEN311_SUBJECTS.listRequests,
  Open311RequestQuerySchema,
  z.object({ items: z.array(Open311RequestSchema) }),
);
export const Open311PostRequest = rpc(
  OPEN311_SUBJECTS.createRequest,
  Open311CreateRequestSchema,
  Open311CreatedSchema,
);
export const Open311RequestByToken = rpc(
  OPEN311_SUBJECTS.requestByToken,
  z.object({ token: z.string().min(1).max(100) }),
  Open311TokenSchema,
);
export const Open311ListUpdates = rpc(
  OPEN311_SUBJECTS.listUpdates,
  Open311UpdatesQuerySchema,
  z.object({ items: z.array(Open311RequestUpdateSchema) }),
);
