import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Observable } from 'rxjs';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DATABASE, type Database } from '@gm/shared-db';
import { RpcNatsServer } from '@gm/shared-messaging';
import { ReadinessRegistry, type ReadinessCheck, type TelemetryHandle } from '@gm/shared-telemetry';
import { AppModule } from './app.module.js';
import { SERVICE, type ResourcesConfig } from './config.js';

export interface ResourcesAppOptions {
  logger?: LoggerService;
  telemetry?: TelemetryHandle;
}

/** Ready while the RPC server's own NATS connection is up: that is the one requests come on. */
function natsReadiness(server: { status: Observable<string> }): ReadinessCheck {
  let status = 'not connected yet';
  server.status.subscribe((next) => (status = String(next)));
  return async () => {
    if (status !== 'connected') throw new Error(`NATS is ${status}`);
  };
}

/**
 * The resources application, migrated (when configured) and seeded (when asked), ready for
 * `start`: the NATS handlers as a connected microservice, health and metrics over HTTP.
 */
export async function createResourcesApp(
  config: ResourcesConfig,
  options: ResourcesAppOptions = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options.telemetry),
    new FastifyAdapter({ return503OnClosing: true }),
    { logger: options.logger, bufferLogs: options.logger !== undefined },
  );
  const rpc = new RpcNatsServer({
    service: SERVICE,
    natsUrl: config.NATS_URL,
    prefix: config.NATS_PREFIX,
  });
  app.connectMicroservice({ strategy: rpc }, { inheritAppConfig: true });
  const readiness = app.get(ReadinessRegistry);
  const database = app.get<Database<unknown>>(DATABASE);
  readiness.register('database', () => database.ping());
  readiness.register('nats', natsReadiness(rpc));
  app.enableShutdownHooks();
  return app;
}

/** Runs start-up hooks (the demo seed) before taking requests, then serves NATS and HTTP. */
export async function startResourcesApp(
  app: NestFastifyApplication,
  config: ResourcesConfig,
): Promise<void> {
  await app.init();
  await app.startAllMicroservices();
  await app.listen({ port: config.HTTP_PORT, host: config.HTTP_HOST });
}
