import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RpcClient } from '@gm/shared-messaging';
import {
  createServiceApp,
  loadServiceConfig,
  startServiceApp,
  type AnyServiceDefinition,
  type ServiceConfig,
} from '@gm/shared-runtime';
import { createLogger, NestPinoLogger } from '@gm/shared-telemetry';
import {
  createTestDatabase,
  testNatsUrl,
  uniquePrefix,
  type TestDatabase,
} from '@gm/shared-testing';

export interface TestServiceOptions {
  /** Embedded PGlite in memory instead of a fresh PostgreSQL database. */
  embedded?: boolean;
  /** Extra environment, e.g. `SEED_DEMO_DATA: 'false'`. */
  env?: Record<string, string>;
}

export interface TestService {
  app: NestFastifyApplication;
  config: ServiceConfig;
  /** An RPC client on the service's own NATS prefix. */
  client: RpcClient;
  /** A GET on the service's own HTTP port (probes, metrics), answered in-process. */
  probe(path: string): Promise<{ statusCode: number; json(): unknown }>;
  /** Closes the client and the app, then drops the database. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts a service as its process would (migrations, demo seed, RPC, events, HTTP probes on a free
 * port) inside the test, on real NATS under a unique prefix and its own database.
 */
export async function startTestService(
  definition: AnyServiceDefinition,
  options: TestServiceOptions = {},
): Promise<TestService> {
  const database: TestDatabase | undefined = options.embedded
    ? undefined
    : await createTestDatabase();
  const prefix = uniquePrefix(definition.name);
  const config = loadServiceConfig(definition, {
    NATS_URL: testNatsUrl(),
    NATS_PREFIX: prefix,
    ...(database ? { DATABASE_URL: database.url } : { DATA_DIR: 'memory://' }),
    SEED_DEMO_DATA: 'true',
    AUTH_DEMO_SECRET: 'a-test-secret-that-is-long-enough-0123',
    HTTP_PORT: '0',
    HTTP_HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const logger = new NestPinoLogger(createLogger({ service: definition.name, level: 'silent' }));
  const app = await createServiceApp(definition, config, { logger });
  let client: RpcClient | undefined;
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await client?.close();
      await app.close();
      await database?.drop();
    })());
  try {
    await startServiceApp(app, config);
    client = RpcClient.create({ natsUrl: config.NATS_URL, prefix, defaultTimeoutMs: 5_000 });
    await client.connect();
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  const probe = (path: string) =>
    app.getHttpAdapter().getInstance().inject({ method: 'GET', url: path });
  return { app, config, client, probe, stop };
}
