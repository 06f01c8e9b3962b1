import { runServiceCli, type ServiceDefinition } from '@gm/shared-runtime';
import type { TelemetryHandle } from '@gm/shared-telemetry';
import { ResourcesModule, resourcesEnvSchema, resourcesMigrations } from '@gm/resources-feature';

/** The resources process: the shared service runtime around the resources feature module. */
export const resourcesService: ServiceDefinition<typeof resourcesEnvSchema> = {
  name: 'resources',
  defaultHttpPort: 3001,
  migrations: resourcesMigrations,
  env: resourcesEnvSchema,
  feature: (config) =>
    ResourcesModule.forRoot({
      seedDemoData: config.SEED_DEMO_DATA,
      holdMinutes: config.HOLD_MINUTES,
    }),
};

/** Serves, or runs a command (`migrate`, `dlq`): see runServiceCli. */
export const run = (argv: string[], telemetry: TelemetryHandle): Promise<void> =>
  runServiceCli(resourcesService, argv, telemetry);
