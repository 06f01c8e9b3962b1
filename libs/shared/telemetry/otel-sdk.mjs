// The one OpenTelemetry SDK set-up of the platform. Plain JavaScript that imports only npm
// packages, so `otel-hook.mjs` can load it with `node --import` before any app code, and
// `startTelemetry` (src/start-telemetry.ts) calls the same function. Types: otel-sdk.d.mts.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { NoopSpanProcessor } from '@opentelemetry/sdk-trace-base';

/** Modules the ESM loader hook intercepts: those the instrumentations below patch. */
export const INSTRUMENTED_MODULES = ['http', 'https', 'pg', 'pg-pool'];

/** Probe and scrape paths: high-volume and uninteresting, so they get no spans. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

// On globalThis rather than in a module variable, so a second copy of this file (another
// path to the same package) still finds the running SDK instead of registering a second one.
const STATE = Symbol.for('gm.telemetry.sdk');

/**
 * Starts the NodeSDK once per process; later calls return the first handle unchanged.
 * Spans are always recorded (trace ids exist for logs and NATS headers) but exported over
 * OTLP/HTTP only when OTEL_EXPORTER_OTLP_ENDPOINT (or ..._TRACES_ENDPOINT) is set.
 */
export function startOtelSdk({ serviceName }) {
  const running = globalThis[STATE];
  if (running) return running;

  const sdk = new NodeSDK({
    serviceName,
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: isUntracedRequest }),
      new PgInstrumentation(),
    ],
    textMapPropagator: new W3CTraceContextPropagator(),
    ...(hasOtlpEndpoint(process.env)
      ? { traceExporter: new OTLPTraceExporter() }
      : { spanProcessors: [new NoopSpanProcessor()] }),
    // Metrics are Prometheus (prom-client) and logs go to stdout (pino); without these empty
    // lists the SDK would create OTLP metric and log exporters from its defaults.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();

  let stopping;
  const handle = {
    serviceName,
    shutdown: () => (stopping ??= sdk.shutdown()),
  };
  globalThis[STATE] = handle;
  // Flush batched spans when a short-lived process (a script, the migrate command) runs out
  // of work. Signals stay the app's business: a handler here would stop SIGTERM from exiting.
  process.once('beforeExit', () => {
    // A collector that is down must not turn a finished command into a failed one.
    handle.shutdown().catch((error) => console.error(`telemetry: flushing spans failed: ${error}`));
  });
  return handle;
}

/** service.name: OTEL_SERVICE_NAME if set, else the name derived from the entry script. */
export function resolveServiceName(env = process.env, entryScript = process.argv[1]) {
  return env.OTEL_SERVICE_NAME || serviceNameFromEntryScript(entryScript) || 'unknown_service:node';
}

/**
 * The name of the package that holds the entry script, without scope and `-app` suffix:
 * apps/resources/dist/main.js, in package `@gm/resources-app`, gives `resources`.
 */
export function serviceNameFromEntryScript(entryScript) {
  if (!entryScript) return undefined;
  for (let dir = dirname(resolve(entryScript)); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const name = JSON.parse(readFileSync(manifest, 'utf8')).name;
      return typeof name === 'string' && name
        ? name.replace(/^@[^/]+\//, '').replace(/-app$/, '')
        : undefined;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function hasOtlpEndpoint(env) {
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

function isUntracedRequest(request) {
  const path = (request.url ?? '').split('?', 1)[0];
  return UNTRACED_PATHS.has(path);
}
