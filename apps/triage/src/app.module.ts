import {
  type DynamicModule,
  Inject,
  Module,
  type OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { DatabaseModule, databaseOptionsFromConfig } from '@gm/shared-db';
import { RpcModule } from '@gm/shared-messaging';
import { ObservabilityModule, type TelemetryHandle } from '@gm/shared-telemetry';
import { TriageModule, triageMigrations } from '@gm/triage-feature';
import { SERVICE, type TriageConfig } from './config.js';

const TELEMETRY = Symbol('triage:telemetry');

/** The triage process: its database, NATS handlers, token checks, health and metrics. */
@Module({})
export class AppModule implements OnApplicationShutdown {
  constructor(@Optional() @Inject(TELEMETRY) private readonly telemetry?: TelemetryHandle) {}

  static forRoot(config: TriageConfig, telemetry?: TelemetryHandle): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ObservabilityModule.forRoot({ service: SERVICE }),
        DatabaseModule.forRoot({
          ...databaseOptionsFromConfig(config, { service: SERVICE, schema: SERVICE }),
          migrations: triageMigrations,
          migrateOnStart: config.MIGRATE_ON_START,
        }),
        RpcModule.forRoot({ auth: config }),
        TriageModule.forRoot({ seedDemoData: config.SEED_DEMO_DATA }),
      ],
      providers: telemetry ? [{ provide: TELEMETRY, useValue: telemetry }] : [],
    };
  }

  // Nest ends the process by re-raising the signal, so the SDK's own exit hook never runs.
  async onApplicationShutdown(): Promise<void> {
    await this.telemetry?.shutdown();
  }
}
