import { startOtelSdk, type OtelSdkHandle } from '../otel-sdk.mjs';
import { useMetricsService } from './metrics.js';

export type TelemetryHandle = OtelSdkHandle;

export interface TelemetryOptions {
  /** service.name unless OTEL_SERVICE_NAME overrides it. */
  serviceName: string;
}

/**
 * Starts OpenTelemetry (see ../otel-sdk.mjs) and labels metrics with the service. When
 * otel-hook.mjs already started the SDK this returns its handle, so main.ts can always call it
 * and keep the handle to flush spans on shutdown. Instrumentation only patches modules loaded
 * after the start: preload otel-hook.mjs, or import the app dynamically after this call.
 */
export function startTelemetry(options: TelemetryOptions): TelemetryHandle {
  const serviceName = process.env['OTEL_SERVICE_NAME'] || options.serviceName;
  const handle = startOtelSdk({ serviceName });
  useMetricsService(serviceName);
  return handle;
}
