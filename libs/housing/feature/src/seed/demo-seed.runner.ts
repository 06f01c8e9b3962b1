import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { HousingPolicy } from '@gm/housing-contracts';
import { SeedDemoHousingUseCase } from '../use-cases/seed-demo-housing.use-case.js';

export const HOUSING_MODULE_OPTIONS = Symbol('gm:housing-module-options');

export interface HousingModuleOptions {
  /** Insert the demo projects and units at start-up (SEED_DEMO_DATA); never in production. */
  seedDemoData: boolean;
  /** Hours to accept or decline an offer (OFFER_HOURS); default 72. */
  offerHours?: number;
  /** The published allocation policy; default DEFAULT_HOUSING_POLICY. */
  policy?: HousingPolicy;
  /** How often lapsed offers are swept; default 30 s, 0 turns the sweeper off (tests). */
  offerSweepIntervalMs?: number;
}

/** Seeds the demo housing stock once the application (and its migrations) is up, when asked to. */
@Injectable()
export class DemoSeedRunner implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeedRunner.name);

  constructor(
    @Inject(HOUSING_MODULE_OPTIONS) private readonly options: HousingModuleOptions,
    private readonly seed: SeedDemoHousingUseCase,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.seedDemoData) return;
    const inserted = await this.seed.execute();
    this.logger.log(
      `demo housing seeded: ${inserted.projects} projects, ${inserted.buildings} buildings, ${inserted.units} units new`,
    );
  }
}
