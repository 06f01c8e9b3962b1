import { startTelemetry } from '@gm/shared-telemetry';

// Telemetry first: what loads after this is instrumented even without the --import hook.
const telemetry = startTelemetry({ serviceName: 'triage' });
const { runCli } = await import('./cli.js');
await runCli(process.argv.slice(2), telemetry);
