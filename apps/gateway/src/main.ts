import { fileURLToPath } from 'node:url';
import {
  createGatewayApp,
  gatewayMigrations,
  loadGatewayConfig,
  openGatewayDatabase,
  type GatewayConfig,
} from '@gm/gateway-feature';
import { ConfigError } from '@gm/shared-config';
import { runMigrateCommand } from '@gm/shared-db';
import { NestPinoLogger, createLogger } from '@gm/shared-telemetry';

// Telemetry is already running: the process starts with `--import libs/shared/telemetry/otel-hook.mjs`.

// The built portal sits beside this app in the repository and in the image: apps/portal.
const DEFAULT_PORTAL_DIR = fileURLToPath(new URL('../../portal', import.meta.url));

function config(): GatewayConfig {
  try {
    return loadGatewayConfig({ PORTAL_DIR: DEFAULT_PORTAL_DIR, ...process.env });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`gateway: ${error.message}`);
    process.exit(1);
  }
}

async function serve(settings: GatewayConfig): Promise<void> {
  const logger = createLogger({ service: 'gateway', level: settings.LOG_LEVEL });
  const app = await createGatewayApp(settings, { logger: new NestPinoLogger(logger) });
  await app.listen({ port: settings.PORT, host: settings.HOST });
  logger.info({ url: await app.getUrl() }, 'gateway listening');
}

const settings = config();
if (process.argv[2] === 'migrate') {
  await runMigrateCommand(
    process.argv.slice(3),
    () => openGatewayDatabase(settings),
    gatewayMigrations,
  );
} else {
  await serve(settings);
}
