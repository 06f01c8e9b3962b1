import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Observable } from 'rxjs';
import { DATABASE, type AnyDatabase } from '@gm/shared-db';
import { EventsHost, RpcNatsServer } from '@gm/shared-messaging';
import { ReadinessRegistry, type ReadinessCheck, type TelemetryHandle } from '@gm/shared-telemetry';
import { ServiceAppModule } from './service-app.module.js';
import type { ServiceConfig } from './service-config.js';
import type { AnyServiceDefinition } from './service-definition.js';

export interface ServiceAppOptions {
  logger?: LoggerService;
  telemetry?: TelemetryHandle;
}

/** Ready while the RPC server's own NATS connection is up: that is the one requests come on. */
function rpcReadiness(server: { status: Observable<string> }): ReadinessCheck {
  let status = 'not connected yet';
  server.status.subscribe((next) => (status = String(next)));
  return async () => {
    if (status !== 'connected') throw new Error(`NATS is ${status}`);
  };
}

/**
 * A service application, ready for `startServiceApp`: the NATS handlers as a connected
 * microservice, durable events, health and metrics over HTTP.
 */
export async function createServiceApp(
  definition: AnyServiceDefinition,
  config: ServiceConfig,
  options: ServiceAppOptions = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    ServiceAppModule.forRoot(definition, config, options.telemetry),
    new FastifyAdapter({ return503OnClosing: true }),
    { logger: options.logger, bufferLogs: options.logger !== undefined },
  );
  const rpc = new RpcNatsServer({
    service: definition.name,
    natsUrl: config.NATS_URL,
    prefix: config.NATS_PREFIX,
  });
  app.connectMicroservice({ strategy: rpc }, { inheritAppConfig: true });
  const readiness = app.get(ReadinessRegistry);
  const database = app.get<AnyDatabase>(DATABASE);
  const events = app.get(EventsHost);
  readiness.register('database', () => database.ping());
  readiness.register('nats', rpcReadiness(rpc));
  readiness.register('events', async () => {
    if (!events.isReady()) throw new Error('JetStream connection is not ready');
  });
  app.enableShutdownHooks();
  return app;
}

/** Runs start-up hooks (migrations, the demo seed) before taking requests, then serves. */
export async function startServiceApp(
  app: NestFastifyApplication,
  config: ServiceConfig,
): Promise<void> {
  await app.init();
  await app.startAllMicroservices();
  await app.listen({ port: config.HTTP_PORT, host: config.HTTP_HOST });
}
