import type { Migrations } from '@gm/shared-db';
import * as m0001 from './0001_users.js';
import * as m0002 from './0002_idempotency_keys.js';

/** The gateway schema's migrations, in name order. */
export const gatewayMigrations: Migrations = {
  '0001_users': m0001,
  '0002_idempotency_keys': m0002,
};
