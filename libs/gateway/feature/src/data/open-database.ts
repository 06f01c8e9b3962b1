import { createDatabase, type Database } from '@gm/shared-db';
import type { GatewayConfig } from '../config/gateway-config.js';
import type { GatewayDb } from './tables.js';

export const GATEWAY_SCHEMA = 'gateway';

/** Opens the gateway's own database (pg when DATABASE_URL is set, else PGlite under DATA_DIR). */
export function openGatewayDatabase(config: GatewayConfig): Promise<Database<GatewayDb>> {
  return createDatabase<GatewayDb>({
    service: GATEWAY_SCHEMA,
    schema: GATEWAY_SCHEMA,
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
  });
}
