import { runServiceCli, type ServiceDefinition } from '@gm/shared-runtime';
import type { TelemetryHandle } from '@gm/shared-telemetry';
import { HousingModule, housingEnvSchema, housingMigrations } from '@gm/housing-feature';

/** The housing process: the shared service runtime around the housing feature module. */
export const housingService: ServiceDefinition<typeof housingEnvSchema> = {
  name: 'housing',
  defaultHttpPort: 3003,
  migrations: housingMigrations,
  env: housingEnvSchema,
  feature: (config) =>
    HousingModule.forRoot({ seedDemoData: config.SEED_DEMO_DATA, offerHours: config.OFFER_HOURS }),
};

/** Serves, or runs a command (`migrate`, `dlq`): see runServiceCli. */
export const run = (argv: string[], telemetry: TelemetryHandle): Promise<void> =>
  runServiceCli(housingService, argv, telemetry);
