import { Inject, Injectable } from '@nestjs/common';
import { PeriodicTask } from '@gm/shared-runtime';
import { RESOURCES_MODULE_OPTIONS, type ResourcesModuleOptions } from '../seed/demo-seed.runner.js';
import { CompleteEndedBookingsUseCase } from './complete-bookings.use-case.js';

export const DEFAULT_SWEEP_INTERVAL_MS = 60_000;

/**
 * Completes ended bookings periodically. State lives in the database (an approved booking whose
 * end has passed), so a restart loses nothing: the next sweep catches up.
 */
@Injectable()
export class CompletionSweeper extends PeriodicTask {
  constructor(
    @Inject(RESOURCES_MODULE_OPTIONS) private readonly options: ResourcesModuleOptions,
    private readonly complete: CompleteEndedBookingsUseCase,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS;
  }

  protected async runOnce(): Promise<string | undefined> {
    const n = await this.complete.execute();
    return n > 0 ? `${n} ended bookings completed` : undefined;
  }
}
