import { context, isSpanContextValid, trace } from '@opentelemetry/api';

/** Ids of the active span, as log fields; empty outside any span. */
export interface TraceFields {
  trace_id?: string;
  span_id?: string;
}

export function activeTraceFields(): TraceFields {
  const spanContext = trace.getSpan(context.active())?.spanContext();
  if (!spanContext || !isSpanContextValid(spanContext)) return {};
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}
