import type { TextMapGetter, TextMapSetter } from '@opentelemetry/api';
import type { MsgHdrs } from 'nats';

/** The header the gateway forwards the caller's bearer token in. */
export const AUTHORIZATION_HEADER = 'authorization';

/** OpenTelemetry carrier access to NATS headers (`traceparent`, `tracestate`). */
export const natsHeaderGetter: TextMapGetter<MsgHdrs> = {
  keys: (carrier) => carrier.keys(),
  // MsgHdrs answers '' for a missing header; propagators expect undefined.
  get: (carrier, key) => carrier.get(key) || undefined,
};

export const natsHeaderSetter: TextMapSetter<MsgHdrs> = {
  set: (carrier, key, value) => carrier.set(key, value),
};

/** The token of an `authorization: Bearer <token>` header; undefined for any other scheme. */
export function bearerToken(header: string): string | undefined {
  const space = header.indexOf(' ');
  if (space === -1 || header.slice(0, space).toLowerCase() !== 'bearer') return undefined;
  const token = header.slice(space + 1).trim();
  return token || undefined;
}
