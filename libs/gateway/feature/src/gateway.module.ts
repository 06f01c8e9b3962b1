import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { DatabaseModule } from '@gm/shared-db';
import { RpcClientModule } from '@gm/shared-messaging';
import { ObservabilityModule } from '@gm/shared-telemetry';
import { GatewayAuthModule } from './auth/auth.module.js';
import { CatalogueModule } from './catalogue/catalogue.module.js';
import { HousingHttpModule } from './housing/housing-http.module.js';
import type { GatewayConfig } from './config/gateway-config.js';
import { GATEWAY_CONFIG } from './config/tokens.js';
import { gatewayMigrations } from './data/migrations/index.js';
import { GATEWAY_SCHEMA } from './data/open-database.js';
import { LiveEventsModule } from './events/live-events.module.js';
import { IdempotencyInterceptor } from './http/idempotency.interceptor.js';
import { ProblemDetailsFilter } from './http/problem-details.filter.js';
import { ShutdownGrace } from './http/shutdown-grace.js';
import { Open311HttpModule } from './open311/open311.module.js';
import { OpenApiModule } from './openapi/openapi.module.js';
import { PortalModule } from './portal/portal.module.js';
import { ResourcesHttpModule } from './resources/resources.module.js';
import { TriageHttpModule } from './triage/triage.module.js';
import { GatewayReadiness } from './readiness.js';

export const GATEWAY_SERVICE = 'gateway';

@Module({})
class GatewayConfigModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayConfigModule,
      global: true,
      providers: [{ provide: GATEWAY_CONFIG, useValue: config }],
      exports: [GATEWAY_CONFIG],
    };
  }
}

/** The gateway: HTTP API for people and the portal, in front of the services' NATS RPC. */
@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        GatewayConfigModule.forRoot(config),
        ObservabilityModule.forRoot({ service: GATEWAY_SERVICE }),
        DatabaseModule.forRoot({
          service: GATEWAY_SERVICE,
          schema: GATEWAY_SCHEMA,
          databaseUrl: config.DATABASE_URL,
          dataDir: config.DATA_DIR,
          poolSize: config.DATABASE_POOL_SIZE,
          migrations: gatewayMigrations,
          migrateOnStart: config.MIGRATE_ON_START,
        }),
        RpcClientModule.forRoot({
          natsUrl: config.NATS_URL,
          prefix: config.NATS_PREFIX,
          defaultTimeoutMs: config.RPC_TIMEOUT_MS,
          name: GATEWAY_SERVICE,
        }),
        GatewayAuthModule.forRoot(config),
        CatalogueModule,
        ResourcesHttpModule,
        TriageHttpModule,
        Open311HttpModule,
        HousingHttpModule,
        PortalModule,
        LiveEventsModule,
        OpenApiModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        GatewayReadiness,
        ShutdownGrace,
      ],
    };
  }
}
