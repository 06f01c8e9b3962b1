import { z } from 'zod';
import type { EventContract } from '@gm/shared-contracts';
import { serviceOfEventType, type EventCatalogue } from '../events/event-catalogue.js';

export type AsyncApiDocument = {
  asyncapi: '3.0.0';
  info: { title: string; version: string; description: string };
  defaultContentType: string;
  servers: Record<string, unknown>;
  channels: Record<string, unknown>;
  operations: Record<string, unknown>;
  components: { messages: Record<string, unknown> };
};

/** How the gateway's live stream treats an event (the contract's `public` and `audience`). */
function visibilityOf(contract: EventContract): 'public' | 'audience' | 'internal' {
  if (contract.public) return 'public';
  return contract.audience ? 'audience' : 'internal';
}

const VISIBILITY_TEXT = {
  public: 'Public: shown live to anyone on `GET /api/events/stream`; it carries no personal data.',
  audience:
    'Personal: shown live only to the signed-in callers its contract names from its data (e.g. the requester, the unit’s managers).',
  internal: 'Internal: consumed by services only, never shown on the live stream.',
} as const;

/** `triage.evt.ticket.assigned.v1` → `triage-evt-ticket-assigned-v1` (keys allow no dots). */
const keyOf = (type: string) => type.replace(/[^A-Za-z0-9_-]/g, '-');

function dataSchema(contract: EventContract): Record<string, unknown> {
  // AsyncAPI's default schema format is a superset of JSON Schema draft 7.
  const { $schema: _dialect, ...schema } = z.toJSONSchema(contract.data, {
    target: 'draft-7',
    io: 'output',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return schema;
}

/** The CloudEvents 1.0 envelope the outbox relay publishes, with this event's `data`. */
function envelopeSchema(contract: EventContract): Record<string, unknown> {
  return {
    type: 'object',
    required: ['specversion', 'id', 'source', 'type', 'time', 'data'],
    properties: {
      specversion: { const: '1.0' },
      id: {
        type: 'string',
        description: 'Event id; also the `Nats-Msg-Id` JetStream de-duplicates on.',
      },
      source: {
        type: 'string',
        description: 'The producing service, e.g. `/guangming/resources`.',
      },
      type: { const: contract.type },
      time: { type: 'string', format: 'date-time' },
      subject: { type: 'string', description: 'The id of the aggregate the event is about.' },
      datacontenttype: { const: 'application/json' },
      data: dataSchema(contract),
    },
  };
}

const HEADERS = {
  type: 'object',
  properties: {
    'Nats-Msg-Id': { type: 'string', description: 'The CloudEvent id (JetStream de-duplication).' },
    traceparent: { type: 'string', description: 'W3C trace context of the change that caused it.' },
  },
};

/**
 * The AsyncAPI 3.0 document of every domain event, generated from the contracts libs' own zod
 * schemas: one channel per subject (`<service>.evt.<aggregate>.<event>.v<N>`, under `NATS_PREFIX`
 * when one is set), one `send` operation by its producing service, the CloudEvents envelope as
 * payload, and its live visibility in `x-visibility`.
 */
export function buildAsyncApiDocument(
  catalogue: EventCatalogue,
  version: string,
): AsyncApiDocument {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const contract of [...catalogue.values()].sort((a, b) => a.type.localeCompare(b.type))) {
    const key = keyOf(contract.type);
    const service = serviceOfEventType(contract.type) ?? 'unknown';
    const visibility = visibilityOf(contract);
    messages[key] = {
      name: contract.type,
      title: contract.type,
      summary: VISIBILITY_TEXT[visibility],
      contentType: 'application/json',
      headers: HEADERS,
      payload: envelopeSchema(contract),
      'x-visibility': visibility,
    };
    channels[key] = {
      address: contract.type,
      description: `On stream ${service.toUpperCase()}_EVENTS. ${VISIBILITY_TEXT[visibility]}`,
      messages: { [key]: { $ref: `#/components/messages/${key}` } },
      'x-visibility': visibility,
    };
    operations[`${service}-sends-${key}`] = {
      action: 'send',
      title: `${service} publishes ${contract.type}`,
      description: `Written to the ${service} outbox with the state change and relayed to JetStream.`,
      channel: { $ref: `#/channels/${key}` },
      messages: [{ $ref: `#/channels/${key}/messages/${key}` }],
      tags: [{ name: service }],
      'x-producer': service,
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Guangming Science City alliance platform events',
      version,
      description:
        'Domain events of the resources, triage and housing services: CloudEvents 1.0 JSON on ' +
        'NATS JetStream, one stream per producing service. Public and personal events also reach ' +
        'the portal live through `GET /api/events/stream`.',
    },
    defaultContentType: 'application/json',
    servers: {
      nats: {
        host: '127.0.0.1:4222',
        protocol: 'nats',
        description: 'NATS with JetStream (`NATS_URL`); subjects carry `NATS_PREFIX` when set.',
      },
    },
    channels,
    operations,
    components: { messages },
  };
}
