import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SeedDemoCatalogueUseCase } from '../use-cases/seed-demo-catalogue.use-case.js';

export const RESOURCES_MODULE_OPTIONS = Symbol('gm:resources-module-options');

export interface ResourcesModuleOptions {
  /** Insert the demo catalogue at start-up (SEED_DEMO_DATA); never in production. */
  seedDemoData: boolean;
  /** How often ended bookings are marked completed; default 60 s, 0 turns the sweep off. */
  sweepIntervalMs?: number;
  /** Minutes a freed slot is held for the first waiting researcher (HOLD_MINUTES, default 15). */
  holdMinutes?: number;
  /** How often expired holds pass to the next in line; default 10 s, 0 turns the sweep off. */
  holdSweepIntervalMs?: number;
}

/** Seeds the demo catalogue once the application (and its migrations) is up, when asked to. */
@Injectable()
export class DemoSeedRunner implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeedRunner.name);

  constructor(
    @Inject(RESOURCES_MODULE_OPTIONS) private readonly options: ResourcesModuleOptions,
    private readonly seed: SeedDemoCatalogueUseCase,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.seedDemoData) return;
    const inserted = await this.seed.execute();
    this.logger.log(
      `demo catalogue seeded: ${inserted.units} units, ${inserted.resources} resources new`,
    );
  }
}
