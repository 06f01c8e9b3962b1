export * from './start-telemetry.js';
export * from './trace-fields.js';
export * from './logger.js';
export * from './nest-pino-logger.js';
export * from './metrics.js';
export * from './readiness.registry.js';
export { httpRequestDuration, UNMATCHED_ROUTE } from './http-metrics.js';
export { OBSERVABILITY_PATHS, type ObservabilityOptions } from './observability.options.js';
export * from './observability.module.js';
