import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  UseFilters,
  UseGuards,
  applyDecorators,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '@gm/shared-errors';
import { RpcClient } from '@gm/shared-messaging';
import {
  Open311GetServiceDefinition,
  Open311ListRequests,
  Open311ListUpdates,
  Open311PostRequest,
  Open311RequestByToken,
  Open311Services,
} from '@gm/triage-contracts';
import { CurrentCaller, type Caller } from '../auth/auth.guard.js';
import { PUBLIC_CACHE } from '../catalogue/public-cache.js';
import { parseInput } from '../http/zod-validation.pipe.js';
import { ApiDoc, type ApiDocOptions } from '../openapi/api-doc.decorator.js';
import { Open311AuthGuard } from './open311-auth.guard.js';
import { Open311ErrorFilter } from './open311-error.filter.js';
import { OPEN311_CONTENT_TYPES, OPEN311_ITEM_NAMES, type Open311Format } from './open311-format.js';
import {
  DiscoverySchema,
  Open311PlainQuerySchema,
  Open311PostBodySchema,
  Open311RequestParamsSchema,
  Open311RequestsQuerySchema,
  Open311Responses,
  Open311ServiceParamsSchema,
  Open311TokenParamsSchema,
  Open311UpdatesQuerySchema,
  type Discovery,
} from './open311.schemas.js';
import { toXmlDocument } from './xml.js';

/** When this endpoint last changed in a way clients should notice (discovery's `changeset`). */
const CHANGESET = '2026-05-01T00:00:00+08:00';
const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

/** One Open311 route in one format: its OpenAPI entry names the standard's body for that format. */
const Doc = (format: Open311Format, options: Omit<ApiDocOptions, 'tag' | 'responseType'>) =>
  applyDecorators(
    ApiDoc({
      ...options,
      tag: 'open311',
      ...(format === 'xml'
        ? { response: z.string(), responseType: 'text/xml' }
        : { responseType: 'application/json' }),
    }),
    Header('content-type', OPEN311_CONTENT_TYPES[format]),
  );

/** The answer in the asked format: JSON as it is, XML under `root` (lists by the standard's item names). */
function render(format: Open311Format, root: string, value: unknown): unknown {
  return format === 'xml' ? toXmlDocument(root, value, OPEN311_ITEM_NAMES) : value;
}

function attributesOf(body: Record<string, unknown>): Record<string, string | string[]> {
  const attributes: Record<string, string | string[]> = {};
  const put = (code: string, value: unknown) => {
    if (Array.isArray(value)) attributes[code] = value.map(String);
    else if (value !== null && value !== undefined && typeof value !== 'object')
      attributes[code] = String(value);
  };
  // JSON clients may nest them: {"attribute": {"code": value}}.
  const nested = body['attribute'];
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
    for (const [code, value] of Object.entries(nested)) put(code, value);
  }
  // The standard's form fields: attribute[code]=v, attribute[code][]=v1&attribute[code][]=v2.
  for (const [key, value] of Object.entries(body)) {
    const match = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
    if (match) put(match[1]!, match[2] && !Array.isArray(value) ? [value] : value);
  }
  return attributes;
}

/**
 * Open311 GeoReport v2 at `/open311/v2`, in JSON and XML, on the 问诊会 tickets; errors in the
 * standard's format. Reads are public and carry no personal data; posting needs the requester's
 * access token (as `api_key` or a Bearer header).
 */
@Controller('open311/v2')
@UseFilters(Open311ErrorFilter)
export class Open311HttpController {
  constructor(private readonly rpc: RpcClient) {}

  private discovery(request: FastifyRequest): Discovery {
    const base = `${request.protocol}://${request.host}/open311/v2`;
    return {
      changeset: CHANGESET,
      contact: '光明区问诊会办公室 (Guangming 问诊会 office), through the district portal',
      key_service:
        'api_key is a platform access token: POST /api/auth/token (demo accounts) or the district’s OIDC provider',
      endpoints: [
        {
          specification: SPECIFICATION,
          url: base,
          changeset: CHANGESET,
          type: 'production',
          formats: ['application/json', 'text/xml'],
        },
      ],
    };
  }

  @Get('discovery.json')
  @Doc('json', {
    summary: 'Open311 discovery: the endpoint, its formats and how to get a key',
    query: Open311PlainQuerySchema,
    response: DiscoverySchema,
  })
  @Header('cache-control', PUBLIC_CACHE)
  discoveryJson(@Req() request: FastifyRequest) {
    return this.discovery(request);
  }

  @Get('discovery.xml')
  @Doc('xml', { summary: 'Open311 discovery (XML)', query: Open311PlainQuerySchema })
  @Header('cache-control', PUBLIC_CACHE)
  discoveryXml(@Req() request: FastifyRequest) {
    return render('xml', 'discovery', this.discovery(request));
  }

  private async services(format: Open311Format, jurisdiction: unknown) {
    parseInput(Open311PlainQuerySchema, jurisdiction, 'query');
    const { items } = await this.rpc.call(Open311Services, {});
    return render(format, 'services', items);
  }

  @Get('services.json')
  @Doc('json', {
    summary: 'Open311 services: the ticket categories',
    query: Open311PlainQuerySchema,
    response: Open311Responses.services,
    errors: [503],
  })
  @Header('cache-control', PUBLIC_CACHE)
  servicesJson(@Query() q: unknown) {
    return this.services('json', q);
  }

  @Get('services.xml')
  @Doc('xml', {
    summary: 'Open311 services (XML)',
    query: Open311PlainQuerySchema,
    errors: [503],
  })
  @Header('cache-control', PUBLIC_CACHE)
  servicesXml(@Query() q: unknown) {
    return this.services('xml', q);
  }

  private async definition(format: Open311Format, code: string) {
    const params = parseInput(Open311ServiceParamsSchema, { service_code: code }, 'path');
    return render(
      format,
      'service_definition',
      await this.rpc.call(Open311GetServiceDefinition, params),
    );
  }

  @Get('services/:service_code.json')
  @Doc('json', {
    summary: 'Open311 service definition: the attributes of the category’s details',
    params: Open311ServiceParamsSchema,
    response: Open311Responses.definition,
    errors: [404, 503],
  })
  @Header('cache-control', PUBLIC_CACHE)
  definitionJson(@Param('service_code') code: string) {
    return this.definition('json', code);
  }

  @Get('services/:service_code.xml')
  @Doc('xml', {
    summary: 'Open311 service definition (XML)',
    params: Open311ServiceParamsSchema,
    errors: [404, 503],
  })
  @Header('cache-control', PUBLIC_CACHE)
  definitionXml(@Param('service_code') code: string) {
    return this.definition('xml', code);
  }

  private async requests(format: Open311Format, raw: unknown) {
    const q = parseInput(Open311RequestsQuerySchema, raw, 'query');
    const { items } = await this.rpc.call(Open311ListRequests, {
      ids: q.service_request_id,
      serviceCodes: q.service_code,
      start: q.start_date,
      end: q.end_date,
      statuses: q.status,
      limit: 1000,
    });
    return render(format, 'service_requests', items);
  }

  @Get('requests.json')
  @Doc('json', {
    summary:
      'Open311 service requests: tickets without personal data; filters service_request_id, service_code, start_date, end_date (at most 90 days; the last 90 by default), status',
    query: Open311RequestsQuerySchema,
    response: Open311Responses.requests,
    errors: [503],
  })
  requestsJson(@Query() q: unknown) {
    return this.requests('json', q);
  }

  @Get('requests.xml')
  @Doc('xml', {
    summary: 'Open311 service requests (XML)',
    query: Open311RequestsQuerySchema,
    errors: [503],
  })
  requestsXml(@Query() q: unknown) {
    return this.requests('xml', q);
  }

  private async post(format: Open311Format, caller: Caller, raw: unknown) {
    const body = parseInput(Open311PostBodySchema, raw ?? {}, 'body');
    const created = await this.rpc.call(
      Open311PostRequest,
      {
        service_code: body.service_code,
        description: body.description ?? '',
        attributes: attributesOf(body),
      },
      { token: caller.token },
    );
    return render(format, 'service_requests', [created]);
  }

  @Post('requests.json')
  @HttpCode(201)
  @UseGuards(Open311AuthGuard)
  @Doc('json', {
    summary:
      'Open311: raise a ticket (researcher, enterprise, talent) from service_code, description and attribute[code]; form-encoded or JSON; api_key = access token',
    auth: 'required',
    body: Open311PostBodySchema,
    response: Open311Responses.created,
    status: 201,
    errors: [401, 403, 503],
  })
  postJson(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    return this.post('json', caller, body);
  }

  @Post('requests.xml')
  @HttpCode(201)
  @UseGuards(Open311AuthGuard)
  @Doc('xml', {
    summary: 'Open311: raise a ticket (XML answer)',
    auth: 'required',
    body: Open311PostBodySchema,
    status: 201,
    errors: [401, 403, 503],
  })
  postXml(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    return this.post('xml', caller, body);
  }

  private async one(format: Open311Format, id: string) {
    const { service_request_id } = parseInput(
      Open311RequestParamsSchema,
      { service_request_id: id },
      'path',
    );
    const { items } = await this.rpc.call(Open311ListRequests, {
      ids: [service_request_id],
      limit: 1,
    });
    if (items.length === 0) throw AppError.notFound('service request', service_request_id);
    return render(format, 'service_requests', items);
  }

  @Get('requests/:service_request_id.json')
  @Doc('json', {
    summary: 'Open311: one service request, by ticket id or number',
    params: Open311RequestParamsSchema,
    response: Open311Responses.requests,
    errors: [404, 503],
  })
  oneJson(@Param('service_request_id') id: string) {
    return this.one('json', id);
  }

  @Get('requests/:service_request_id.xml')
  @Doc('xml', {
    summary: 'Open311: one service request (XML)',
    params: Open311RequestParamsSchema,
    errors: [404, 503],
  })
  oneXml(@Param('service_request_id') id: string) {
    return this.one('xml', id);
  }

  private async token(format: Open311Format, token: string) {
    const params = parseInput(Open311TokenParamsSchema, { token }, 'path');
    return render(format, 'service_requests', [await this.rpc.call(Open311RequestByToken, params)]);
  }

  @Get('tokens/:token.json')
  @Doc('json', {
    summary: 'Open311: the service request of a token (the ticket number)',
    params: Open311TokenParamsSchema,
    response: Open311Responses.tokens,
    errors: [404, 503],
  })
  tokenJson(@Param('token') token: string) {
    return this.token('json', token);
  }

  @Get('tokens/:token.xml')
  @Doc('xml', {
    summary: 'Open311: the service request of a token (XML)',
    params: Open311TokenParamsSchema,
    errors: [404, 503],
  })
  tokenXml(@Param('token') token: string) {
    return this.token('xml', token);
  }

  private async updates(format: Open311Format, raw: unknown) {
    const q = parseInput(Open311UpdatesQuerySchema, raw, 'query');
    const { items } = await this.rpc.call(Open311ListUpdates, {
      start: q.start_date,
      end: q.end_date,
      limit: 1000,
    });
    return render(format, 'service_requests_updates', items);
  }

  @Get('servicerequestupdates.json')
  @Doc('json', {
    summary:
      'FixMyStreet extension: status updates of all requests between start_date and end_date (at most 90 days), from the tickets’ history',
    query: Open311UpdatesQuerySchema,
    response: Open311Responses.updates,
    errors: [503],
  })
  updatesJson(@Query() q: unknown) {
    return this.updates('json', q);
  }

  @Get('servicerequestupdates.xml')
  @Doc('xml', {
    summary: 'FixMyStreet extension: status updates (XML)',
    query: Open311UpdatesQuerySchema,
    errors: [503],
  })
  updatesXml(@Query() q: unknown) {
    return this.updates('xml', q);
  }
}
