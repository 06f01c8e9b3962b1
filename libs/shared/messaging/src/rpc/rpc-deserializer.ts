import type { ConsumerDeserializer, IncomingEvent, IncomingRequest } from '@nestjs/microservices';

/** The data of a request whose body is not JSON; the handler answers it with `invalid-input`. */
export const MALFORMED_PAYLOAD: unique symbol = Symbol('malformed-payload');

interface DeserializeOptions {
  channel?: string;
  replyTo?: string;
}

const decoder = new TextDecoder();
let sequence = 0;

/**
 * Nest's NATS deserializer throws on a body that is not JSON, and the rejection escapes the
 * subscription callback: one bad message would crash the process. This one never throws. It also
 * answers plain requests from any NATS client: whatever carries a reply subject gets an id, so it
 * is handled as a request rather than as a fire-and-forget event.
 */
export class RpcRequestDeserializer implements ConsumerDeserializer {
  deserialize(
    value: Uint8Array,
    options: DeserializeOptions = {},
  ): IncomingRequest | IncomingEvent {
    const packet = this.decode(value, options.channel ?? '');
    if (options.replyTo && (packet as Partial<IncomingRequest>).id === undefined) {
      (packet as IncomingRequest).id = `r${++sequence}`;
    }
    return packet;
  }

  private decode(value: Uint8Array, channel: string): IncomingRequest | IncomingEvent {
    let decoded: unknown;
    try {
      decoded = value.length ? JSON.parse(decoder.decode(value)) : undefined;
    } catch {
      return { pattern: channel, data: MALFORMED_PAYLOAD };
    }
    return isNestPacket(decoded) ? decoded : { pattern: channel, data: decoded };
  }
}

/** Nest's own test: a packet names its pattern or carries `data`; anything else is a bare body. */
function isNestPacket(value: unknown): value is IncomingRequest | IncomingEvent {
  if (typeof value !== 'object' || value === null) return false;
  const { pattern, data } = value as Partial<IncomingRequest>;
  return pattern !== undefined || data !== undefined;
}
