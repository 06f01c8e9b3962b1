import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SeedDemoCatalogueUseCase } from '../use-cases/seed-demo-catalogue.use-case.js';

export const RESOURCES_MODULE_OPTIONS = Symbol('gm:resources-module-options');

export interface ResourcesModuleOptions {
  /** Insert the demo catalogue at start-up (SEED_DEMO_DATA); never in production. */
  seedDemoData: boolean;
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
