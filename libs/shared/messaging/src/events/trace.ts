import {
  ROOT_CONTEXT,
  SpanStatusCode,
  propagation,
  trace,
  type Context,
  type Span,
  type TextMapGetter,
} from '@opentelemetry/api';
import type { MsgHdrs } from 'nats';

// A proxy until the process registers a tracer provider (telemetry starts first in main.ts).
export const tracer = trace.getTracer('@gm/shared-messaging');

const msgHdrsGetter: TextMapGetter<MsgHdrs | undefined> = {
  keys: (carrier) => (carrier ? carrier.keys() : []),
  // MsgHdrs answers '' for a missing header; the propagator expects undefined.
  get: (carrier, key) => carrier?.get(key) || undefined,
};

/** The trace context a producer put into NATS headers. */
export function contextFromMsgHeaders(headers: MsgHdrs | undefined): Context {
  return propagation.extract(ROOT_CONTEXT, headers, msgHdrsGetter);
}

/** The trace context captured into an outbox row. */
export function contextFromRecord(headers: Record<string, string>): Context {
  return propagation.extract(ROOT_CONTEXT, headers);
}

/** Writes a context's propagation headers (`traceparent`, ...) into NATS headers. */
export function injectIntoMsgHeaders(ctx: Context, headers: MsgHdrs): void {
  propagation.inject(ctx, headers, { set: (carrier, key, value) => carrier.set(key, value) });
}

export function recordFailure(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage(error) });
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
