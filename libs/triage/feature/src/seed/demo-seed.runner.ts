import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SeedDemoReferenceDataUseCase } from '../use-cases/seed-demo-reference-data.use-case.js';

export const TRIAGE_MODULE_OPTIONS = Symbol('gm:triage-module-options');

export interface TriageModuleOptions {
  /** Insert the demo departments and categories at start-up (SEED_DEMO_DATA); never in production. */
  seedDemoData: boolean;
}

/** Seeds the demo reference data once the application (and its migrations) is up, when asked to. */
@Injectable()
export class DemoSeedRunner implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeedRunner.name);

  constructor(
    @Inject(TRIAGE_MODULE_OPTIONS) private readonly options: TriageModuleOptions,
    private readonly seed: SeedDemoReferenceDataUseCase,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.seedDemoData) return;
    const inserted = await this.seed.execute();
    this.logger.log(
      `demo reference data seeded: ${inserted.departments} departments, ${inserted.categories} categories new`,
    );
  }
}
