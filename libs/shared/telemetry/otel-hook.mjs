// Preload for every process: `node --import @gm/shared-telemetry/otel-hook dist/main.js`.
// It registers the import-in-the-middle loader so ESM imports of the instrumented modules are
// patched, then starts the SDK before the app (and Nest) is imported. The service name is
// OTEL_SERVICE_NAME, else derived from the entry script's package (see resolveServiceName).
import { register } from 'node:module';
import { INSTRUMENTED_MODULES, resolveServiceName, startOtelSdk } from './otel-sdk.mjs';

register('@opentelemetry/instrumentation/hook.mjs', import.meta.url, {
  data: { include: INSTRUMENTED_MODULES },
});

startOtelSdk({ serviceName: resolveServiceName() });
