import type { databaseEnvSchema } from '@gm/shared-config';
import type { z } from 'zod';
import type { DatabaseOptions } from './database.js';

type DatabaseEnv = z.infer<typeof databaseEnvSchema>;

/** DatabaseOptions from the parsed `databaseEnvSchema` variables (DATABASE_URL, DATA_DIR, DATABASE_POOL_SIZE). */
export function databaseOptionsFromConfig(
  config: Pick<DatabaseEnv, 'DATABASE_URL' | 'DATA_DIR' | 'DATABASE_POOL_SIZE'>,
  names: { service: string; schema: string },
): DatabaseOptions {
  return {
    ...names,
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
  };
}
