import { ConfigError } from '@gm/shared-config';
import { createDatabase, databaseOptionsFromConfig, runMigrateCommand } from '@gm/shared-db';
import {
  MESSAGING_MIGRATION_TABLE,
  messagingMigrations,
  runDlqCommand,
} from '@gm/shared-messaging';
import { createLogger, NestPinoLogger, type TelemetryHandle } from '@gm/shared-telemetry';
import { createServiceApp, startServiceApp } from './service-app.js';
import { loadServiceConfig, type ServiceConfig } from './service-config.js';
import type { AnyServiceDefinition } from './service-definition.js';

const USAGE = 'main.js [migrate [latest|up|down] | dlq list|replay <seq>]';

/** A bad variable ends the process with one line naming it, before anything starts. */
function configOrExit(definition: AnyServiceDefinition): ServiceConfig {
  try {
    return loadServiceConfig(definition);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`${definition.name}: ${error.message}`);
    process.exit(1);
  }
}

async function serve(
  definition: AnyServiceDefinition,
  config: ServiceConfig,
  telemetry: TelemetryHandle,
): Promise<void> {
  const logger = createLogger({ service: definition.name, level: config.LOG_LEVEL });
  const app = await createServiceApp(definition, config, {
    logger: new NestPinoLogger(logger),
    telemetry,
  });
  await startServiceApp(app, config);
  logger.info({ url: await app.getUrl() }, `${definition.name} listening`);
}

/**
 * `main.js` serves; `main.js migrate [latest|up|down]` moves the schema (the messaging tables
 * first, then the service's own) and exits; `main.js dlq list|replay <seq>` shows or replays
 * dead letters (it needs only NATS_URL/NATS_PREFIX).
 */
export async function runServiceCli(
  definition: AnyServiceDefinition,
  argv: string[],
  telemetry: TelemetryHandle,
): Promise<void> {
  const [command, ...args] = argv;
  if (command === 'dlq') {
    process.exitCode = await runDlqCommand(args);
    return;
  }
  const config = configOrExit(definition);
  if (command === 'migrate') {
    const names = { service: definition.name, schema: definition.name };
    await runMigrateCommand(args, () => createDatabase(databaseOptionsFromConfig(config, names)), [
      { migrations: messagingMigrations, table: MESSAGING_MIGRATION_TABLE },
      { migrations: definition.migrations },
    ]);
    return;
  }
  if (command !== undefined) {
    console.error(`${definition.name}: unknown command "${command}"; usage: ${USAGE}`);
    process.exitCode = 2;
    return;
  }
  await serve(definition, config, telemetry);
}
