import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DATABASE, type Database } from '@gm/shared-db';
import type { GatewayConfig } from '../config/gateway-config.js';
import { GATEWAY_CONFIG } from '../config/tokens.js';
import type { GatewayDb } from '../data/tables.js';
import { seedDemoAccounts } from './seed-demo-accounts.js';

/** Seeds the demo accounts at start when SEED_DEMO_DATA is on (after migrations have run). */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoSeeder');

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(DATABASE) private readonly database: Database<GatewayDb>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_DEMO_DATA) return;
    const created = await seedDemoAccounts(this.database.db);
    this.logger.log(`demo accounts seeded (${created} created)`);
  }
}
