import { startTelemetry } from '@gm/shared-telemetry';

// Telemetry first: what loads after this is instrumented even without the --import hook.
const telemetry = startTelemetry({ serviceName: 'resources' });
const { run } = await import('./service.js');
await run(process.argv.slice(2), telemetry);
