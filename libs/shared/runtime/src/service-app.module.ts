import {
  type DynamicModule,
  Inject,
  Module,
  type OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { DatabaseModule, databaseOptionsFromConfig } from '@gm/shared-db';
import { EventsModule, RpcModule } from '@gm/shared-messaging';
import { ObservabilityModule, type TelemetryHandle } from '@gm/shared-telemetry';
import type { ServiceConfig } from './service-config.js';
import type { AnyServiceDefinition } from './service-definition.js';

const TELEMETRY = Symbol('runtime:telemetry');

/** One service process: its database, durable events, NATS handlers, token checks, health, metrics. */
@Module({})
export class ServiceAppModule implements OnApplicationShutdown {
  constructor(@Optional() @Inject(TELEMETRY) private readonly telemetry?: TelemetryHandle) {}

  static forRoot(
    definition: AnyServiceDefinition,
    config: ServiceConfig,
    telemetry?: TelemetryHandle,
  ): DynamicModule {
    const { name } = definition;
    return {
      module: ServiceAppModule,
      imports: [
        ObservabilityModule.forRoot({ service: name }),
        DatabaseModule.forRoot({
          ...databaseOptionsFromConfig(config, { service: name, schema: name }),
          migrations: definition.migrations,
          migrateOnStart: config.MIGRATE_ON_START,
        }),
        EventsModule.forRoot({
          service: name,
          natsUrl: config.NATS_URL,
          prefix: config.NATS_PREFIX,
          migrate: config.MIGRATE_ON_START,
        }),
        RpcModule.forRoot({ auth: config }),
        definition.feature(config),
      ],
      providers: telemetry ? [{ provide: TELEMETRY, useValue: telemetry }] : [],
    };
  }

  // Nest ends the process by re-raising the signal, so the SDK's own exit hook never runs.
  async onApplicationShutdown(): Promise<void> {
    await this.telemetry?.shutdown();
  }
}
