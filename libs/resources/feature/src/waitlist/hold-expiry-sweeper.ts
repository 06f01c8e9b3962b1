import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { RESOURCES_MODULE_OPTIONS, type ResourcesModuleOptions } from '../seed/demo-seed.runner.js';
import { ExpireHoldsUseCase } from './expire-holds.use-case.js';

export const DEFAULT_HOLD_SWEEP_INTERVAL_MS = 10_000;

/**
 * Passes expired holds on to the next waiting researcher periodically. An active hold past its
 * expiry is the state, so after a restart the first sweep catches up.
 */
@Injectable()
export class HoldExpirySweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(HoldExpirySweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(RESOURCES_MODULE_OPTIONS) private readonly options: ResourcesModuleOptions,
    private readonly expire: ExpireHoldsUseCase,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.options.holdSweepIntervalMs ?? DEFAULT_HOLD_SWEEP_INTERVAL_MS;
    if (interval <= 0) return;
    this.timer = setInterval(() => void this.sweep(), interval);
    this.timer.unref();
    void this.sweep();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One sweep; overlapping calls share the one running. */
  sweep(): Promise<void> {
    this.running ??= this.expire
      .execute()
      .then((n) => {
        if (n > 0) this.logger.log(`${n} expired holds passed on`);
      })
      .catch((error: unknown) => this.logger.error(`hold expiry sweep failed: ${String(error)}`))
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
