import { z } from 'zod';
import { v7 as uuidv7 } from 'uuid';
import { context, propagation } from '@opentelemetry/api';
import type { EventContract } from '@gm/shared-contracts';
import { invalidInput } from '@gm/shared-errors';

/**
 * The CloudEvents 1.0 JSON envelope of every domain event. `data` is checked separately with the
 * event contract's own schema, so one envelope schema serves every event type.
 */
export const CloudEventSchema = z.object({
  specversion: z.literal('1.0'),
  /** UUIDv7: unique, and sortable by creation time. Also the JetStream `Nats-Msg-Id`. */
  id: z.uuid(),
  /** The producing service, e.g. `/guangming/resources`. */
  source: z.string().min(1),
  /** The event contract's type, e.g. `resources.evt.booking.requested.v1`; the unprefixed NATS subject. */
  type: z.string().min(1),
  time: z.iso.datetime({ offset: true }),
  /** The aggregate the event is about (its id). */
  subject: z.string().min(1),
  datacontenttype: z.literal('application/json'),
  data: z.unknown(),
  /** CloudEvents distributed-tracing extension: the W3C trace context of the producer. */
  traceparent: z.string().optional(),
  tracestate: z.string().optional(),
});

type Envelope = z.infer<typeof CloudEventSchema>;

/** A CloudEvent whose `data` has the type of its contract's schema. */
export type CloudEvent<Data = unknown> = Omit<Envelope, 'data'> & { data: Data };

/** The event a contract describes, as its consumers receive it. */
export type EventOf<C extends EventContract> = CloudEvent<z.output<C['data']>>;

export interface CloudEventOptions {
  source: string;
  /** The aggregate id. */
  subject: string;
}

/**
 * Builds the envelope of an event about to be emitted. A producer that builds invalid data has a
 * bug, so this throws instead of letting consumers dead-letter every copy later.
 */
export function createCloudEvent<D extends z.ZodType>(
  contract: EventContract<D>,
  data: z.input<D>,
  { source, subject }: CloudEventOptions,
): CloudEvent<z.output<D>> {
  const parsed = contract.data.safeParse(data);
  if (!parsed.success) {
    throw invalidInput(parsed.error.issues, `data of event ${contract.type}`, 'data');
  }
  return {
    specversion: '1.0',
    id: uuidv7(),
    source,
    type: contract.type,
    time: new Date().toISOString(),
    subject,
    datacontenttype: 'application/json',
    data: parsed.data,
    ...traceExtension(currentTraceContext()),
  };
}

function traceExtension(
  carrier: Record<string, string>,
): Pick<Envelope, 'traceparent' | 'tracestate'> {
  return {
    ...(carrier.traceparent ? { traceparent: carrier.traceparent } : {}),
    ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}),
  };
}

/** The active trace context as propagation headers (`traceparent`, ...); empty without a registered propagator. */
export function currentTraceContext(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}
