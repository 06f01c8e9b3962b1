import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { TriageSettings } from '../config/triage-config.js';
import { SeedDemoHistoryUseCase } from './seed-demo-history.use-case.js';
import { SeedDemoReferenceDataUseCase } from '../use-cases/seed-demo-reference-data.use-case.js';

export const TRIAGE_MODULE_OPTIONS = Symbol('gm:triage-module-options');

export interface TriageModuleOptions {
  /** Insert the demo departments and categories at start-up (SEED_DEMO_DATA); never in production. */
  seedDemoData: boolean;
  /** Supervision, response deadline and metrics rules (default: DEFAULT_TRIAGE_SETTINGS). */
  settings?: TriageSettings;
}

/** Seeds the demo reference data once the application (and its migrations) is up, when asked to. */
@Injectable()
export class DemoSeedRunner implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeedRunner.name);

  constructor(
    @Inject(TRIAGE_MODULE_OPTIONS) private readonly options: TriageModuleOptions,
    private readonly seed: SeedDemoReferenceDataUseCase,
    private readonly history: SeedDemoHistoryUseCase,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.seedDemoData) return;
    const inserted = await this.seed.execute();
    this.logger.log(
      `demo reference data seeded: ${inserted.departments} departments, ${inserted.categories} categories new`,
    );
    const tickets = await this.history.execute();
    if (tickets > 0) this.logger.log(`demo 问诊会 history seeded: ${tickets} tickets`);
  }
}
