import { ConfigError } from '@gm/shared-config';
import { createDatabase, databaseOptionsFromConfig, runMigrateCommand } from '@gm/shared-db';
import { runDlqCommand } from '@gm/shared-messaging';
import { createLogger, NestPinoLogger, type TelemetryHandle } from '@gm/shared-telemetry';
import { resourcesMigrations } from '@gm/resources-feature';
import { loadResourcesConfig, SERVICE, type ResourcesConfig } from './config.js';
import { createResourcesApp, startResourcesApp } from './service-app.js';

const USAGE = 'main.js [migrate [latest|up|down] | dlq list|replay <seq>]';

/** A bad variable ends the process with one line naming it, before anything starts. */
function configOrExit(): ResourcesConfig {
  try {
    return loadResourcesConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`${SERVICE}: ${error.message}`);
    process.exit(1);
  }
}

async function serve(config: ResourcesConfig, telemetry: TelemetryHandle): Promise<void> {
  const logger = createLogger({ service: SERVICE, level: config.LOG_LEVEL });
  const app = await createResourcesApp(config, { logger: new NestPinoLogger(logger), telemetry });
  await startResourcesApp(app, config);
  logger.info({ url: await app.getUrl() }, `${SERVICE} listening`);
}

/**
 * `main.js` serves; `main.js migrate [latest|up|down]` moves the schema and exits;
 * `main.js dlq list|replay <seq>` shows or replays dead letters (it needs only NATS_URL/NATS_PREFIX).
 */
export async function runCli(argv: string[], telemetry: TelemetryHandle): Promise<void> {
  const [command, ...args] = argv;
  if (command === 'dlq') {
    process.exitCode = await runDlqCommand(args);
    return;
  }
  const config = configOrExit();
  if (command === 'migrate') {
    const names = { service: SERVICE, schema: SERVICE };
    await runMigrateCommand(
      args,
      () => createDatabase(databaseOptionsFromConfig(config, names)),
      resourcesMigrations,
    );
    return;
  }
  if (command !== undefined) {
    console.error(`${SERVICE}: unknown command "${command}"; usage: ${USAGE}`);
    process.exitCode = 2;
    return;
  }
  await serve(config, telemetry);
}
