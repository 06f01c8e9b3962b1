import { Inject, Injectable } from '@nestjs/common';
import { PeriodicTask } from '@gm/shared-runtime';
import { RESOURCES_MODULE_OPTIONS, type ResourcesModuleOptions } from '../seed/demo-seed.runner.js';
import { ExpireHoldsUseCase } from './expire-holds.use-case.js';

export const DEFAULT_HOLD_SWEEP_INTERVAL_MS = 10_000;

/**
 * Passes expired holds on to the next waiting researcher periodically. An active hold past its
 * expiry is the state, so after a restart the first sweep catches up.
 */
@Injectable()
export class HoldExpirySweeper extends PeriodicTask {
  constructor(
    @Inject(RESOURCES_MODULE_OPTIONS) private readonly options: ResourcesModuleOptions,
    private readonly expire: ExpireHoldsUseCase,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.options.holdSweepIntervalMs ?? DEFAULT_HOLD_SWEEP_INTERVAL_MS;
  }

  protected async runOnce(): Promise<string | undefined> {
    const n = await this.expire.execute();
    return n > 0 ? `${n} expired holds passed on` : undefined;
  }
}
