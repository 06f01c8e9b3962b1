import { runServiceCli, type ServiceDefinition } from '@gm/shared-runtime';
import type { TelemetryHandle } from '@gm/shared-telemetry';
import {
  TriageModule,
  triageEnvSchema,
  triageMigrations,
  triageSettingsFromEnv,
} from '@gm/triage-feature';

/** The triage process: the shared service runtime around the triage feature module. */
export const triageService: ServiceDefinition<typeof triageEnvSchema> = {
  name: 'triage',
  defaultHttpPort: 3002,
  migrations: triageMigrations,
  env: triageEnvSchema,
  feature: (config) =>
    TriageModule.forRoot({
      seedDemoData: config.SEED_DEMO_DATA,
      settings: triageSettingsFromEnv(config),
    }),
};

/** Serves, or runs a command (`migrate`, `dlq`): see runServiceCli. */
export const run = (argv: string[], telemetry: TelemetryHandle): Promise<void> =>
  runServiceCli(triageService, argv, telemetry);
