import { z } from 'zod';
import {
  Open311CreatedSchema,
  Open311RequestSchema,
  Open311RequestUpdateSchema,
  Open311ServiceDefinitionSchema,
  Open311ServiceSchema,
  Open311StatusSchema,
  Open311TokenSchema,
} from '@gm/triage-contracts';

/** A W3C datetime (with an offset or Z), or a date, taken as its start in Asia/Shanghai. */
const W3cDate = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((v) => (v.length === 10 ? `${v}T00:00:00+08:00` : v));

const commaList = <T extends z.ZodType<unknown, string>>(item: T, max: number) =>
  z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1).max(max));

/** `jurisdiction_id` is accepted and ignored: the platform serves one jurisdiction. */
const Jurisdiction = { jurisdiction_id: z.string().max(200).optional() };

export const Open311RequestsQuerySchema = z.object({
  ...Jurisdiction,
  service_request_id: commaList(z.string().max(100), 100).optional(),
  service_code: commaList(z.string().max(100), 50).optional(),
  start_date: W3cDate.optional(),
  end_date: W3cDate.optional(),
  status: commaList(Open311StatusSchema, 2).optional(),
});

export const Open311UpdatesQuerySchema = z.object({
  ...Jurisdiction,
  start_date: W3cDate.optional(),
  end_date: W3cDate.optional(),
});

export const Open311PlainQuerySchema = z.object(Jurisdiction);
export const Open311ServiceParamsSchema = z.object({ service_code: z.string().min(1).max(100) });
export const Open311RequestParamsSchema = z.object({
  service_request_id: z.string().min(1).max(100),
});
export const Open311TokenParamsSchema = z.object({ token: z.string().min(1).max(100) });

/** What a client posts (form-encoded as the standard says, or JSON): the documented fields. */
export const Open311PostBodySchema = z
  .object({
    ...Jurisdiction,
    api_key: z.string().optional().describe('the access token, if not sent as a Bearer header'),
    service_code: z.string().min(1).max(100),
    description: z.string().max(10_000).optional(),
    email: z.string().optional().describe('ignored: the requester is the token’s account'),
    first_name: z.string().optional().describe('ignored'),
    last_name: z.string().optional().describe('ignored'),
    phone: z.string().optional().describe('ignored'),
    lat: z.string().optional().describe('ignored: tickets have no location'),
    long: z.string().optional().describe('ignored'),
    address_string: z.string().optional().describe('ignored'),
  })
  .catchall(z.unknown())
  .describe('plus `attribute[code]=value` per attribute of the service definition');

export const DiscoverySchema = z.object({
  changeset: z.string(),
  contact: z.string(),
  key_service: z.string(),
  endpoints: z.array(
    z.object({
      specification: z.string(),
      url: z.string(),
      changeset: z.string(),
      type: z.enum(['production', 'test']),
      formats: z.array(z.string()),
    }),
  ),
});
export type Discovery = z.infer<typeof DiscoverySchema>;

export const Open311Responses = {
  services: z.array(Open311ServiceSchema),
  definition: Open311ServiceDefinitionSchema,
  requests: z.array(Open311RequestSchema),
  created: z.array(Open311CreatedSchema),
  tokens: z.array(Open311TokenSchema),
  updates: z.array(Open311RequestUpdateSchema),
};
